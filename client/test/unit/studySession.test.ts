import { beforeEach, describe, expect, it } from "vitest";
import type { PanelView, ToPanel } from "../../src/study/messages";
import { StudySession } from "../../src/study/studySession";
import { FakeReviewServer, card } from "./fakes/reviewServer";

let server: FakeReviewServer;
let posted: ToPanel[];
let ratingsChanged: number;
let session: StudySession;

function setUp(cards = 3): void {
  server = new FakeReviewServer(Array.from({ length: cards }, (_, i) => card(i)));
  posted = [];
  ratingsChanged = 0;
  session = new StudySession(server, {
    post: (message) => posted.push(message),
    baseUriFor: (uri) => `https://webview.test/${uri.replace(/[^/]*$/, "")}`,
    ratingsChanged: () => ratingsChanged++,
  });
}

function lastView(): PanelView {
  const views = posted.filter((m) => m.type === "view");
  return (views.at(-1) as Extract<ToPanel, { type: "view" }>).view;
}

function shownCardId(): string | undefined {
  const view = lastView();
  return view.kind === "card" ? view.card.cardId : undefined;
}

beforeEach(() => setUp());

describe("StudySession", () => {
  it("Start_shows_loading_then_the_first_card_with_its_progress", async () => {
    await session.start({ uri: "file:///decks/rnn.deck.md", scope: "deck" });
    expect(posted[0]).toEqual({ type: "view", view: { kind: "loading" } });
    expect(lastView()).toMatchObject({
      kind: "card",
      card: { cardId: "card-0" },
      progress: { done: 0, remaining: 3, total: 3 },
      baseUri: "https://webview.test/file:///decks/",
      folderUri: "file:///decks/",
      canUndo: false,
    });
    expect(server.callsTo("startReview")).toEqual([{ uri: "file:///decks/rnn.deck.md", scope: "deck" }]);
  });

  it("Rating_sends_the_session_rating_and_duration_and_shows_the_next_card", async () => {
    await session.start({ scope: "deck", uri: "file:///decks/rnn.deck.md" });
    await session.handle({ type: "rate", rating: 4, durationMs: 1234 });
    expect(server.callsTo("rate")).toEqual([{ sessionId: "session-1", rating: 4, durationMs: 1234 }]);
    expect(lastView()).toMatchObject({ kind: "card", card: { cardId: "card-1" }, progress: { done: 1 }, canUndo: true });
    expect(ratingsChanged).toBe(1);
  });

  it("Every_new_card_gets_a_new_step_so_the_page_hides_its_answer", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    const first = lastView();
    await session.handle({ type: "rate", rating: 3, durationMs: 0 });
    const second = lastView();
    expect(first.kind === "card" && second.kind === "card" && second.step > first.step).toBe(true);
  });

  it("The_last_rating_shows_the_summary_the_server_sent", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    for (const rating of [1, 3, 5] as const) {
      await session.handle({ type: "rate", rating, durationMs: 10 });
    }
    expect(lastView()).toEqual({
      kind: "complete",
      summary: { reviewed: 3, ratings: { "1": 1, "2": 0, "3": 1, "4": 0, "5": 1 }, durationMs: 3000 },
      progress: { done: 3, remaining: 0, total: 3 },
      canUndo: true,
    });
    expect(server.callsTo("endReview")).toEqual([]);
  });

  it("Without_a_summary_on_the_last_rating_the_session_asks_endReview_for_it", async () => {
    server.omitSummary = true;
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    for (let i = 0; i < 3; i++) {
      await session.handle({ type: "rate", rating: 5, durationMs: 10 });
    }
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
    expect(lastView()).toMatchObject({ kind: "complete", summary: { reviewed: 3 } });
  });

  it("Undo_shows_the_previous_card_again", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.handle({ type: "rate", rating: 2, durationMs: 0 });
    await session.handle({ type: "undo" });
    expect(server.callsTo("undo")).toEqual([{ sessionId: "session-1" }]);
    expect(lastView()).toMatchObject({ kind: "card", card: { cardId: "card-0" }, progress: { done: 0 }, canUndo: false });
    expect(ratingsChanged).toBe(2);
  });

  it("Undo_after_the_session_completed_brings_the_last_card_back", async () => {
    setUp(1);
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.handle({ type: "rate", rating: 5, durationMs: 0 });
    expect(lastView().kind).toBe("complete");
    await session.handle({ type: "undo" });
    expect(shownCardId()).toBe("card-0");
  });

  it("Undo_with_nothing_rated_sends_nothing", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.handle({ type: "undo" });
    expect(server.callsTo("undo")).toEqual([]);
  });

  it("A_second_rating_while_the_first_is_in_flight_is_ignored", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    const release = server.hold("rate");
    const first = session.handle({ type: "rate", rating: 3, durationMs: 0 });
    await session.handle({ type: "rate", rating: 4, durationMs: 0 });
    release();
    await first;
    expect(server.callsTo("rate")).toHaveLength(1);
    expect(shownCardId()).toBe("card-1");
  });

  it("A_failed_rating_keeps_the_card_and_posts_a_notice", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    server.failNext("rate", "database is locked");
    await session.handle({ type: "rate", rating: 3, durationMs: 0 });
    expect(posted.at(-1)).toEqual({ type: "notice", message: "The rating was not saved: database is locked" });
    expect(shownCardId()).toBe("card-0");
    await session.handle({ type: "rate", rating: 3, durationMs: 0 });
    expect(shownCardId()).toBe("card-1");
  });

  it("A_failed_start_shows_an_error_view", async () => {
    server.failNext("startReview", "Unhandled method deck/startReview");
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    expect(lastView()).toEqual({ kind: "error", message: "Could not start the study session: Unhandled method deck/startReview" });
  });

  it("Nothing_due_shows_the_empty_view_and_study_all_restarts_in_mode_all", async () => {
    await session.start({ scope: "workspace" });
    expect(lastView()).toEqual({ kind: "empty", canStudyAll: true });
    await session.handle({ type: "studyAll" });
    expect(server.callsTo("startReview").at(-1)).toEqual({ scope: "workspace", mode: "all" });
    expect(shownCardId()).toBe("card-0");
  });

  it("Ready_posts_the_current_view_again", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    const view = lastView();
    posted.length = 0;
    await session.handle({ type: "ready" });
    expect(posted).toEqual([{ type: "view", view }]);
  });

  it("Card_changed_for_this_session_replaces_the_card_and_keeps_its_step", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    const before = lastView();
    const edited = { ...card(0), frontHtml: "<p>Question 0, edited</p>" };
    session.cardChanged("session-1", edited);
    const after = lastView();
    expect(after).toMatchObject({ kind: "card", card: { frontHtml: "<p>Question 0, edited</p>" } });
    expect(before.kind === "card" && after.kind === "card" && after.step === before.step).toBe(true);
  });

  it("Card_changed_for_another_session_is_ignored", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    const count = posted.length;
    session.cardChanged("session-99", { ...card(0), frontHtml: "<p>other</p>" });
    expect(posted).toHaveLength(count);
  });

  it("Starting_again_ends_the_running_session_on_the_server", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.start({ scope: "card", uri: "file:///d.deck.md", line: 4 });
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
    expect(session.id).toBe("session-2");
  });

  it("Closing_the_panel_after_the_session_completed_releases_it_on_the_server", async () => {
    setUp(1);
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.handle({ type: "rate", rating: 5, durationMs: 0 });
    expect(server.callsTo("endReview")).toEqual([]);
    session.end();
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
  });

  it("A_session_ended_to_get_its_summary_is_not_ended_again_nor_offers_undo", async () => {
    setUp(1);
    server.omitSummary = true;
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    await session.handle({ type: "rate", rating: 5, durationMs: 0 });
    expect(lastView()).toMatchObject({ kind: "complete", canUndo: false });
    session.end();
    expect(server.callsTo("endReview")).toHaveLength(1);
  });

  it("Closing_the_panel_mid_session_ends_it_on_the_server", async () => {
    await session.start({ scope: "deck", uri: "file:///d.deck.md" });
    session.end();
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
  });

  it("An_answer_for_a_replaced_session_is_dropped", async () => {
    const release = server.hold("startReview");
    const first = session.start({ scope: "deck", uri: "file:///first.deck.md" });
    await session.start({ scope: "deck", uri: "file:///second.deck.md" });
    const shown = posted.length;
    release();
    await first;
    expect(posted).toHaveLength(shown);
    expect(session.id).toBe("session-2");
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
  });
});
