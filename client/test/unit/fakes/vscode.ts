// A fake of the parts of the `vscode` module the extension uses, recording what is done with it. Tests reach the
// recordings through `fake` and reset them with `fake.reset()`.
import * as posix from "node:path/posix";

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = "",
    readonly fragment = "",
  ) {}

  static parse(value: string): Uri {
    const match = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!match) {
      throw new Error(`not a URI: ${value}`);
    }
    return new Uri(match[1], match[2] ?? "", decodeURIComponent(match[3] || "/"), match[4] ?? "", match[5] ?? "");
  }

  static file(path: string): Uri {
    return new Uri("file", "", path);
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: posix.join(base.path, ...segments) });
  }

  get fsPath(): string {
    return this.path;
  }

  with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }

  toString(): string {
    const query = this.query ? `?${this.query}` : "";
    const fragment = this.fragment ? `#${this.fragment}` : "";
    return `${this.scheme}://${this.authority}${encodeURI(this.path)}${query}${fragment}`;
  }
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
  Two = 2,
  Three = 3,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum TextEditorRevealType {
  Default = 0,
  InCenter = 1,
  InCenterIfOutsideViewport = 2,
  AtTop = 3,
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

type Listener<T> = (value: T) => unknown;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): unknown[] {
    return this.listeners.map((listener) => listener(value));
  }
}

/** The webview of a FakePanel: what the extension set and posted, and a way to play the page's side. */
export class FakeWebview {
  html = "";
  options: Record<string, unknown>;
  readonly posted: unknown[] = [];
  readonly cspSource = "https://webview.test";
  private readonly received = new Emitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;

  constructor(options: Record<string, unknown>) {
    this.options = options;
  }

  postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }

  asWebviewUri(uri: Uri): Uri {
    return Uri.parse(`https://webview.test/${uri.scheme}${uri.path}`);
  }

  /** The page sends `message`; resolves when the extension's handlers have finished with it. */
  async fromPage(message: unknown): Promise<void> {
    await Promise.all(this.received.fire(message));
  }
}

export class FakePanel {
  readonly webview: FakeWebview;
  disposed = false;
  revealed = 0;
  private readonly disposeEmitter = new Emitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly viewType: string,
    public title: string,
    readonly showOptions: unknown,
    options: Record<string, unknown>,
  ) {
    this.webview = new FakeWebview(options);
  }

  reveal(): void {
    this.revealed++;
  }

  dispose(): void {
    if (!this.disposed) {
      this.disposed = true;
      this.disposeEmitter.fire();
    }
  }
}

export interface FakeEditor {
  document: { uri: Uri };
  viewColumn?: ViewColumn;
  selection: { active: Position };
  revealRange(range: Range, type?: TextEditorRevealType): void;
}

export const fake = {
  panels: [] as FakePanel[],
  shownDocuments: [] as { uri: Uri; options: Record<string, unknown> }[],
  revealedRanges: [] as { range: Range; type?: TextEditorRevealType }[],
  openedExternally: [] as string[],
  informationMessages: [] as string[],
  /** What the user clicks in the next information messages (undefined: dismissed). */
  answers: [] as (string | undefined)[],
  reset(): void {
    this.panels.length = 0;
    this.shownDocuments.length = 0;
    this.revealedRanges.length = 0;
    this.openedExternally.length = 0;
    this.informationMessages.length = 0;
    this.answers.length = 0;
    window.activeTextEditor = undefined;
    window.visibleTextEditors = [];
    workspace.workspaceFolders = undefined;
  },
};

function editorFor(uri: Uri, viewColumn?: ViewColumn): FakeEditor {
  return {
    document: { uri },
    viewColumn,
    selection: { active: new Position(0, 0) },
    revealRange: (range, type) => void fake.revealedRanges.push({ range, type }),
  };
}

export class FakeStatusBarItem {
  text = "";
  tooltip: string | undefined;
  name: string | undefined;
  command: string | undefined;
  visible = false;
  disposed = false;
  constructor(
    readonly id: string,
    readonly alignment: StatusBarAlignment,
    readonly priority: number,
  ) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.disposed = true;
  }
}

export const window = {
  createStatusBarItem(id: string, alignment: StatusBarAlignment, priority: number): FakeStatusBarItem {
    return new FakeStatusBarItem(id, alignment, priority);
  },
  activeTextEditor: undefined as FakeEditor | undefined,
  visibleTextEditors: [] as FakeEditor[],
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: Record<string, unknown>): FakePanel {
    const panel = new FakePanel(viewType, title, showOptions, options);
    fake.panels.push(panel);
    return panel;
  },
  async showTextDocument(uri: Uri, options: Record<string, unknown> = {}): Promise<FakeEditor> {
    fake.shownDocuments.push({ uri, options });
    return editorFor(uri, options.viewColumn as ViewColumn | undefined);
  },
  async showInformationMessage(message: string, ..._options: unknown[]): Promise<string | undefined> {
    fake.informationMessages.push(message);
    return fake.answers.shift();
  },
  editorFor,
};

export const env = {
  async openExternal(uri: Uri): Promise<boolean> {
    fake.openedExternally.push(uri.toString());
    return true;
  },
};

export const workspace = {
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
};
