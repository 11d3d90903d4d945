// "Show Orphaned Review History": review history whose card no longer exists in any deck, listed by the server.
import * as vscode from "vscode";
import type { Orphan } from "./protocol";

export interface OrphanItem extends vscode.QuickPickItem {
  orphan: Orphan;
}

export function orphanItem(orphan: Orphan): OrphanItem {
  const reviews = orphan.reviews === 1 ? "1 review" : `${orphan.reviews} reviews`;
  return {
    label: orphan.question || orphan.cardKey,
    description: orphan.deckPath ?? "(deck gone)",
    detail: orphan.lastReview ? `${reviews}, last on ${orphan.lastReview.slice(0, 10)}` : reviews,
    orphan,
  };
}

export async function showOrphans(fetch: () => Promise<Orphan[]>): Promise<void> {
  const orphans = await fetch();
  if (orphans.length === 0) {
    void vscode.window.showInformationMessage("No orphaned review history: every reviewed card is still in a deck.");
    return;
  }
  const picked = await vscode.window.showQuickPick(orphans.map(orphanItem), {
    title: `Review history without a card (${orphans.length})`,
    placeHolder: "Cards that were reviewed and later deleted or changed beyond recognition; pick one to open its deck",
    matchOnDescription: true,
  });
  const deckPath = picked?.orphan.deckPath;
  if (deckPath) {
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(deckPath));
    } catch {
      void vscode.window.showWarningMessage(`The deck ${deckPath} no longer exists.`);
    }
  }
}
