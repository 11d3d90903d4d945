// The review protocol the server adds to LSP (docs/protocol.md), as plain types shared by the extension and the panel.

/** A 0-based LSP position (UTF-16 characters). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** What a study session covers; "workspace" is every deck the server has indexed. */
export type ReviewScope = "deck" | "section" | "card" | "workspace";

/** 1 "Not at all" … 5 "Perfectly". */
export type Rating = 1 | 2 | 3 | 4 | 5;

export interface StartReviewParams {
  uri?: string;
  scope: ReviewScope;
  line?: number;
  mode?: ReviewMode;
  /** Only cards carrying one of these tags (their own or their deck's; a tag also picks its children). */
  tags?: string[];
}

/** due: what is due now; all: every card, scheduled as usual; cram: every card, the schedule left alone. */
export type ReviewMode = "due" | "all" | "cram";

/** One card as the server renders it; `intervals[i]` labels the next interval for rating i + 1. */
export interface ReviewCard {
  cardId: string;
  uri: string;
  range: Range;
  frontHtml: string;
  backHtml: string;
  intervals: string[];
  /** Why the card cannot be shown (its HTML is then empty): rating it goes on to the next card. */
  problem?: string;
}

export interface Progress {
  done: number;
  remaining: number;
  total: number;
}

export interface Summary {
  reviewed: number;
  ratings: Record<string, number>;
  durationMs: number;
}

export interface StartReviewResult {
  sessionId: string;
  card: ReviewCard | null;
  progress: Progress;
}

export interface RateParams {
  sessionId: string;
  rating: Rating;
  durationMs?: number;
}

export interface RateResult {
  card: ReviewCard | null;
  progress: Progress;
  summary?: Summary;
}

export interface UndoResult {
  card: ReviewCard | null;
  progress: Progress;
}

export interface SessionParams {
  sessionId: string;
}

export interface EndReviewResult {
  summary: Summary;
}

export interface CardChangedParams {
  sessionId: string;
  card: ReviewCard;
}

export interface DueCounts {
  due: number;
  new: number;
}

export interface Orphan {
  cardKey: string;
  /** Null when the deck itself is gone from the index. */
  deckPath: string | null;
  question: string;
  reviews: number;
  lastReview: string | null;
}

export interface OrphansResult {
  orphans: Orphan[];
}

/** deck/statistics: a deck's URI, a folder's (every deck under it), or none for the workspace. */
export interface StatisticsParams {
  uri?: string;
}

/** Reviews on one local calendar day (yyyy-MM-dd). */
export interface StatisticsDay {
  date: string;
  reviews: number;
}

/** True retention in the week starting on Monday `week`: reviews of cards in the Review state, and those passed. */
export interface StatisticsWeek {
  week: string;
  reviews: number;
  passed: number;
  rate: number;
}

export interface StatisticsStates {
  new: number;
  learning: number;
  review: number;
  relearning: number;
}

/** The figures of a deck, a folder or the workspace (the fields of `decklsp stats --json`, added up over the decks). */
export interface Statistics {
  scope: "deck" | "folder" | "workspace";
  title: string;
  decks: number;
  cards: number;
  new: number;
  due: number;
  reviews: number;
  reviewsToday: number;
  /** The user's local day: the forecast's first day and the calendar's last. */
  today: string;
  calendar: StatisticsDay[];
  /** Cards falling due on each of the next 30 days, today first. */
  forecast: number[];
  retention: StatisticsWeek[];
  states: StatisticsStates;
}

/** The method names, spelled once. */
export const ReviewMethods = {
  startReview: "deck/startReview",
  rate: "deck/rate",
  undo: "deck/undo",
  endReview: "deck/endReview",
  cardChanged: "deck/cardChanged",
  dueCounts: "deck/dueCounts",
  countsChanged: "deck/countsChanged",
  orphans: "deck/orphans",
  statistics: "deck/statistics",
} as const;

/** The review requests, as the study session needs them; the extension implements it with `client.sendRequest`. */
export interface ReviewApi {
  startReview(params: StartReviewParams): Promise<StartReviewResult>;
  rate(params: RateParams): Promise<RateResult>;
  undo(params: SessionParams): Promise<UndoResult>;
  endReview(params: SessionParams): Promise<EndReviewResult>;
}

/** workspace/executeCommand decklsp.optimize: the fitted parameters and fsrs-rs's evaluation of both sets. */
export interface EvaluatedParameters {
  parameters: number[];
  logLoss: number | null;
  rmseBins: number | null;
}

export interface OptimizeResult {
  history: string;
  outcome: "fitted" | "initialStabilitiesOnly" | "defaults";
  reason: string | null;
  reviews: number;
  items: number;
  parameters: number[];
  current: EvaluatedParameters;
  fitted: EvaluatedParameters;
  better: boolean;
}

export interface ApplyParametersResult {
  history: string;
  cards: number;
}

export const OptimizeCommands = {
  optimize: "decklsp.optimize",
  applyParameters: "decklsp.applyParameters",
} as const;
