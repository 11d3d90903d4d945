// The statistics view: one webview, reused by every "Show Statistics", drawing the figures the server gives for a deck,
// a folder or the workspace. The extension only fetches and forwards; the page only draws.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { Statistics, StatisticsParams } from "../protocol";
import { makeNonce } from "../study/studyHtml";
import { type ToStatisticsPage, parseFromStatisticsPage } from "./statisticsMessages";
import { statisticsPageHtml } from "./statisticsHtml";

export interface StatisticsDependencies {
  extensionUri: vscode.Uri;
  /** `deck/statistics`. */
  fetch(params: StatisticsParams): Promise<Statistics>;
}

export class StatisticsPanel {
  static readonly viewType = "decklsp.statisticsPanel";
  private static current: StatisticsPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  // Only the answer to the latest request is drawn: a slow answer for the previous scope must not replace it.
  private latest = 0;

  /** Shows the panel (creating it, or reusing the open one) for `params`; `title` names the scope until the figures come. */
  static show(dependencies: StatisticsDependencies, params: StatisticsParams, title: string): StatisticsPanel {
    let view = StatisticsPanel.current;
    if (view) {
      view.params = params;
      view.panel.title = `Statistics: ${title}`;
      view.panel.reveal(undefined, false);
      void view.load();
    } else {
      const panel = vscode.window.createWebviewPanel(
        StatisticsPanel.viewType,
        `Statistics: ${title}`,
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        webviewOptions(dependencies.extensionUri),
      );
      // The page asks for the figures once it is listening ("ready"), so nothing is posted before it can hear it.
      view = new StatisticsPanel(panel, dependencies, params);
      StatisticsPanel.current = view;
    }
    return view;
  }

  /** The open panel, if any. */
  static get active(): StatisticsPanel | undefined {
    return StatisticsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly dependencies: StatisticsDependencies,
    private params: StatisticsParams,
  ) {
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message), undefined, this.disposables);
  }

  /** Fetches the figures again and redraws (after a rating, say). */
  refresh(): Promise<void> {
    return this.load();
  }

  dispose(): void {
    if (StatisticsPanel.current === this) {
      StatisticsPanel.current = undefined;
    }
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }

  private receive(raw: unknown): Promise<void> | undefined {
    // "ready" and "refresh" both ask for the figures as they are now.
    return parseFromStatisticsPage(raw) ? this.load() : undefined;
  }

  private async load(): Promise<void> {
    const request = ++this.latest;
    let message: ToStatisticsPage;
    try {
      const statistics = await this.dependencies.fetch(this.params);
      if (request !== this.latest) {
        return;
      }
      this.panel.title = `Statistics: ${statistics.title}`;
      message = { type: "statistics", statistics };
    } catch (error) {
      if (request !== this.latest) {
        return;
      }
      message = { type: "error", message: `The statistics could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    await this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.dependencies.extensionUri, "dist", "webview");
    return statisticsPageHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "statistics.js")).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "statistics.css")).toString(),
      baseStyleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "base.css")).toString(),
      nonce: makeNonce((size) => randomBytes(size)),
    });
  }
}

/** Scripts on, forms and command links off, and files only from the extension's page assets: the charts need nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist", "webview")],
  };
}
