// The status bar item "N due": cards due in the workspace, refreshed when the server says counts changed and after
// every rating; clicking it studies them.
import * as vscode from "vscode";
import type { DueCounts } from "./protocol";

export function dueText(counts: DueCounts): string {
  return counts.new > 0 ? `$(mortar-board) ${counts.due} due · ${counts.new} new` : `$(mortar-board) ${counts.due} due`;
}

export function dueTooltip(counts: DueCounts): string {
  const cards = (n: number) => (n === 1 ? "1 card" : `${n} cards`);
  return `${cards(counts.due)} due and ${cards(counts.new)} never studied in this workspace. Click to study the due cards.`;
}

export class DueStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly fetchCounts: () => Promise<DueCounts | undefined>) {
    this.item = vscode.window.createStatusBarItem("decklsp.due", vscode.StatusBarAlignment.Left, 50);
    this.item.name = "Decks: cards due";
    this.item.command = "decklsp.studyWorkspace";
  }

  /** Asks the server again; calls made while a request runs fold into one more request after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.update().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  dispose(): void {
    this.item.dispose();
  }

  private async update(): Promise<void> {
    let counts: DueCounts | undefined;
    try {
      counts = await this.fetchCounts();
    } catch {
      counts = undefined; // a server without the review protocol: no count to show
    }
    if (!counts) {
      this.item.hide();
      return;
    }
    this.item.text = dueText(counts);
    this.item.tooltip = dueTooltip(counts);
    this.item.show();
  }
}
