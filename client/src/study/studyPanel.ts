// The study panel beside the editor: one webview, reused by every "Study" click, driving one StudySession.
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import type { ReviewApi, ReviewCard, StartReviewParams } from "../protocol";
import { isWebLink, parseFromPanel } from "./messages";
import { studyTitle } from "./studyArguments";
import { makeNonce, studyPageHtml } from "./studyHtml";
import { StudySession } from "./studySession";

export interface StudyDependencies {
  extensionUri: vscode.Uri;
  api: ReviewApi;
  /** A rating was recorded or undone (the status bar's due count refreshes). */
  ratingsChanged(): void;
}

export class StudyPanel {
  static readonly viewType = "decklsp.studyPanel";
  private static current: StudyPanel | undefined;

  private readonly session: StudySession;
  private readonly disposables: vscode.Disposable[] = [];
  private sourceColumn: vscode.ViewColumn;

  /** Shows the panel (creating it, or reusing the open one) and starts a session in it. */
  static open(dependencies: StudyDependencies, params: StartReviewParams): StudyPanel {
    const sourceColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    let study = StudyPanel.current;
    if (study) {
      study.sourceColumn = sourceColumn;
      study.panel.title = studyTitle(params);
      study.panel.webview.options = webviewOptions(dependencies.extensionUri, params);
      study.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(
        StudyPanel.viewType,
        studyTitle(params),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        webviewOptions(dependencies.extensionUri, params),
      );
      study = new StudyPanel(panel, dependencies, sourceColumn);
      StudyPanel.current = study;
    }
    void study.session.start(params);
    return study;
  }

  /** The open panel, if any. */
  static get active(): StudyPanel | undefined {
    return StudyPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly dependencies: StudyDependencies,
    sourceColumn: vscode.ViewColumn,
  ) {
    this.sourceColumn = sourceColumn;
    this.session = new StudySession(dependencies.api, {
      post: (message) => void panel.webview.postMessage(message),
      baseUriFor: (cardUri) => this.baseUriFor(cardUri),
      ratingsChanged: () => dependencies.ratingsChanged(),
    });
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message), undefined, this.disposables);
  }

  get studySession(): StudySession {
    return this.session;
  }

  /** `decklsp.undoRating`. */
  undo(): Promise<void> {
    return this.session.handle({ type: "undo" });
  }

  /** The server's `deck/cardChanged`. */
  cardChanged(sessionId: string, card: ReviewCard): void {
    this.session.cardChanged(sessionId, card);
  }

  dispose(): void {
    if (StudyPanel.current === this) {
      StudyPanel.current = undefined;
    }
    this.session.end();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseFromPanel(raw);
    if (!message) {
      return;
    }
    switch (message.type) {
      case "edit":
        return this.editCard();
      case "openLink":
        if (isWebLink(message.href)) {
          await vscode.env.openExternal(vscode.Uri.parse(message.href));
        }
        return;
      default:
        return this.session.handle(message);
    }
  }

  /** "Edit card": the card's deck in the editor it was studied from, the cursor on the card. */
  private async editCard(): Promise<void> {
    const card = this.session.currentCard;
    if (!card) {
      return;
    }
    const uri = vscode.Uri.parse(card.uri);
    const start = new vscode.Position(card.range.start.line, card.range.start.character);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: visible?.viewColumn ?? this.sourceColumn,
      selection: new vscode.Range(start, start),
      preserveFocus: false,
    });
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private baseUriFor(cardUri: string): string {
    const uri = vscode.Uri.parse(cardUri);
    const folder = uri.with({ path: path.posix.dirname(uri.path) });
    const base = this.panel.webview.asWebviewUri(folder).toString();
    return base.endsWith("/") ? base : `${base}/`;
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.dependencies.extensionUri, "dist", "webview");
    return studyPageHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "study.js")).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "study.css")).toString(),
      baseStyleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "base.css")).toString(),
      katexStyleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "katex", "katex.min.css")).toString(),
      nonce: makeNonce((size) => randomBytes(size)),
    });
  }
}

/**
 * Scripts on, forms off, and files only from the extension's page assets and the decks' folders (the deck's own, or
 * the workspace folders when studying all of them).
 */
export function webviewOptions(extensionUri: vscode.Uri, params: StartReviewParams): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  const roots = [vscode.Uri.joinPath(extensionUri, "dist", "webview")];
  if (params.scope !== "workspace" && params.uri) {
    const deck = vscode.Uri.parse(params.uri);
    roots.push(deck.with({ path: path.posix.dirname(deck.path) }));
  } else {
    roots.push(...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri));
  }
  return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: roots };
}
