// One study session as the panel sees it: a small state machine over the review requests, free of VS Code so that
// it can be tested alone. The server owns the queue and the scheduling; this only remembers what is on screen.
import type { Progress, Rating, ReviewApi, ReviewCard, StartReviewParams } from "../protocol";
import type { FromPanel, PanelView, ToPanel } from "./messages";

/** What the session needs from the panel around it. */
export interface SessionHost {
  post(message: ToPanel): void;
  /** The webview URI of the folder holding `cardUri`, ending in "/". */
  baseUriFor(cardUri: string): string;
  /** A rating was recorded or undone: due counts may have changed. */
  ratingsChanged(): void;
}

export type SessionMessage = Extract<FromPanel, { type: "ready" | "rate" | "undo" | "studyAll" }>;

export class StudySession {
  private view: PanelView = { kind: "loading" };
  private sessionId: string | undefined;
  // The server forgets a session at endReview; a completed one stays until then, so that its last rating can be undone.
  private endedOnServer = false;
  private params: StartReviewParams | undefined;
  private step = 0;
  private busy = false;
  // Bumped by every start and by end: an answer to a request from an older session is dropped.
  private generation = 0;

  constructor(
    private readonly api: ReviewApi,
    private readonly host: SessionHost,
  ) {}

  get currentView(): PanelView {
    return this.view;
  }

  get currentCard(): ReviewCard | undefined {
    return this.view.kind === "card" ? this.view.card : undefined;
  }

  get id(): string | undefined {
    return this.sessionId;
  }

  /** Starts a session, ending the one before it if it was still running. */
  async start(params: StartReviewParams): Promise<void> {
    this.closeServerSession();
    const generation = ++this.generation;
    this.params = params;
    this.busy = false;
    this.show({ kind: "loading" });
    try {
      const result = await this.api.startReview(params);
      if (generation !== this.generation) {
        void this.api.endReview({ sessionId: result.sessionId }).catch(() => undefined);
        return;
      }
      this.sessionId = result.sessionId;
      this.endedOnServer = false;
      if (result.card) {
        this.showCard(result.card, result.progress);
      } else {
        this.show({ kind: "empty", canStudyAll: params.mode !== "all" });
      }
    } catch (error) {
      if (generation === this.generation) {
        this.show({ kind: "error", message: `Could not start the study session: ${describe(error)}` });
      }
    }
  }

  async handle(message: SessionMessage): Promise<void> {
    switch (message.type) {
      case "ready":
        this.host.post({ type: "view", view: this.view });
        return;
      case "rate":
        return this.rate(message.rating, message.durationMs);
      case "undo":
        return this.undo();
      case "studyAll":
        if (this.params) {
          await this.start({ ...this.params, mode: "all" });
        }
        return;
    }
  }

  /** The server's `deck/cardChanged`: the card on screen was edited, so show its new text in place. */
  cardChanged(sessionId: string, card: ReviewCard): void {
    if (sessionId !== this.sessionId || this.view.kind !== "card") {
      return;
    }
    this.show({ ...this.view, card, baseUri: this.host.baseUriFor(card.uri), folderUri: folderOf(card.uri) });
  }

  /** The panel closed: the server can forget the session. */
  end(): void {
    this.closeServerSession();
    this.generation++;
  }

  private async rate(rating: Rating, durationMs: number): Promise<void> {
    const sessionId = this.sessionId;
    if (this.busy || sessionId === undefined || this.view.kind !== "card") {
      return;
    }
    const generation = this.generation;
    this.busy = true;
    try {
      const result = await this.api.rate({ sessionId, rating, durationMs });
      if (generation !== this.generation) {
        return;
      }
      if (result.card) {
        this.showCard(result.card, result.progress);
      } else {
        let summary = result.summary;
        if (!summary) {
          this.endedOnServer = true;
          summary = (await this.api.endReview({ sessionId })).summary;
        }
        if (generation === this.generation) {
          this.show({ kind: "complete", summary, progress: result.progress, canUndo: !this.endedOnServer });
        }
      }
      this.host.ratingsChanged();
    } catch (error) {
      if (generation === this.generation) {
        this.host.post({ type: "notice", message: `The rating was not saved: ${describe(error)}` });
      }
    } finally {
      if (generation === this.generation) {
        this.busy = false;
      }
    }
  }

  private async undo(): Promise<void> {
    const sessionId = this.sessionId;
    const undoable = (this.view.kind === "card" || this.view.kind === "complete") && this.view.canUndo;
    if (this.busy || sessionId === undefined || !undoable) {
      return;
    }
    const generation = this.generation;
    this.busy = true;
    try {
      const result = await this.api.undo({ sessionId });
      if (generation !== this.generation) {
        return;
      }
      if (result.card) {
        this.showCard(result.card, result.progress);
        this.host.ratingsChanged();
      } else {
        this.host.post({ type: "notice", message: "Nothing to undo." });
      }
    } catch (error) {
      if (generation === this.generation) {
        this.host.post({ type: "notice", message: `Could not undo: ${describe(error)}` });
      }
    } finally {
      if (generation === this.generation) {
        this.busy = false;
      }
    }
  }

  private showCard(card: ReviewCard, progress: Progress): void {
    this.step++;
    this.show({
      kind: "card",
      card,
      progress,
      baseUri: this.host.baseUriFor(card.uri),
      folderUri: folderOf(card.uri),
      step: this.step,
      canUndo: progress.done > 0,
    });
  }

  private show(view: PanelView): void {
    this.view = view;
    this.host.post({ type: "view", view });
  }

  private closeServerSession(): void {
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    if (sessionId !== undefined && !this.endedOnServer) {
      void this.api.endReview({ sessionId }).catch(() => undefined);
    }
  }
}

/** The folder part of a URI, up to and with its last "/". */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf("/") + 1);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === "object" && error !== null && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
