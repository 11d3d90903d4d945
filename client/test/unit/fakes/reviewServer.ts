// A review server in memory: a fixed queue of cards, rated in order, with every request recorded. A test can make
// the next call to a method fail, or hold it until the test lets it go.
import type {
  EndReviewResult,
  Progress,
  Rating,
  RateParams,
  RateResult,
  ReviewApi,
  ReviewCard,
  SessionParams,
  StartReviewParams,
  StartReviewResult,
  Summary,
  UndoResult,
} from "../../../src/protocol";

export function card(index: number, uri = "file:///decks/rnn.deck.md"): ReviewCard {
  return {
    cardId: `card-${index}`,
    uri,
    range: { start: { line: index * 4, character: 0 }, end: { line: index * 4 + 2, character: 10 } },
    frontHtml: `<p>Question ${index}</p>`,
    backHtml: `<p>Answer ${index}</p>`,
    intervals: ["1m", "10m", "1d", "3d", "8d"],
  };
}

type Method = keyof ReviewApi;

export class FakeReviewServer implements ReviewApi {
  readonly calls: { method: Method; params: unknown }[] = [];
  readonly ratings: Rating[] = [];
  /** Leave `summary` out of the last rate's answer, as a server may; the session must then ask endReview. */
  omitSummary = false;
  private sessions = 0;
  private failures = new Map<Method, Error>();
  private holds = new Map<Method, () => void>();
  private held: Promise<void> | undefined;

  constructor(private readonly queue: ReviewCard[]) {}

  failNext(method: Method, message = `${method} failed`): void {
    this.failures.set(method, new Error(message));
  }

  /** The next call to `method` waits until the returned function is called. */
  hold(method: Method): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, release);
    return release;
  }

  callsTo(method: Method): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }

  async startReview(params: StartReviewParams): Promise<StartReviewResult> {
    const id = ++this.sessions; // numbered in call order, whatever order the answers come in
    await this.enter("startReview", params);
    this.ratings.length = 0;
    const cards = params.mode === "all" || params.scope !== "workspace" ? this.queue : [];
    this.active = cards;
    return { sessionId: `session-${id}`, card: cards[0] ?? null, progress: this.progress() };
  }

  async rate(params: RateParams): Promise<RateResult> {
    await this.enter("rate", params);
    this.ratings.push(params.rating);
    const next = this.active[this.ratings.length] ?? null;
    return next || this.omitSummary
      ? { card: next, progress: this.progress() }
      : { card: null, progress: this.progress(), summary: this.summary() };
  }

  async undo(params: SessionParams): Promise<UndoResult> {
    await this.enter("undo", params);
    if (this.ratings.length === 0) {
      return { card: null, progress: this.progress() };
    }
    this.ratings.pop();
    return { card: this.active[this.ratings.length], progress: this.progress() };
  }

  async endReview(params: SessionParams): Promise<EndReviewResult> {
    await this.enter("endReview", params);
    return { summary: this.summary() };
  }

  private active: ReviewCard[] = [];

  private progress(): Progress {
    const done = this.ratings.length;
    return { done, remaining: this.active.length - done, total: this.active.length };
  }

  summary(): Summary {
    const ratings: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
    for (const rating of this.ratings) {
      ratings[String(rating)]++;
    }
    return { reviewed: this.ratings.length, ratings, durationMs: 1000 * this.ratings.length };
  }

  private async enter(method: Method, params: unknown): Promise<void> {
    this.calls.push({ method, params });
    if (this.holds.has(method)) {
      this.holds.delete(method);
      await this.held;
    }
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }
}
