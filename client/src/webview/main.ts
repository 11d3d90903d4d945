// The study panel's page. It shows what the extension sends (a view), keeps its place with getState/setState, and
// answers keys and buttons with small messages; it never talks to the server itself.
import type { FromPanel, PanelView, ToPanel } from "../study/messages";
import type { Rating } from "../protocol";
import { safeCardFragment } from "./cardHtml";
import { formatDuration, formatProgress, ratingLabels } from "./format";

interface VsCodeApi {
  postMessage(message: FromPanel): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the panel being hidden and shown again. */
interface PageState {
  view: PanelView;
  revealed: boolean;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById("app") as HTMLElement;

let view: PanelView = { kind: "loading" };
let revealed = false;
let shownAt = performance.now();
let pending = false;
let notice = "";

const saved = vscode.getState();
if (saved?.view) {
  view = saved.view;
  revealed = saved.revealed;
}
render();

window.addEventListener("message", (event: MessageEvent<ToPanel>) => {
  const message = event.data;
  pending = false;
  if (message?.type === "view") {
    const sameCard = message.view.kind === "card" && view.kind === "card" && message.view.step === view.step;
    if (!sameCard) {
      revealed = false;
      shownAt = performance.now();
    }
    view = message.view;
    notice = "";
    vscode.setState({ view, revealed });
    render();
  } else if (message?.type === "notice") {
    notice = message.message;
    render();
  }
});

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
    return;
  }
  const key = event.key;
  if (view.kind === "card" && !revealed && (key === " " || key === "Enter")) {
    event.preventDefault();
    reveal();
  } else if (view.kind === "card" && revealed && key >= "1" && key <= "5" && key.length === 1) {
    event.preventDefault();
    rate(Number(key) as Rating);
  } else if (key === "u" || key === "U") {
    event.preventDefault();
    undo();
  }
});

// Links never navigate the page: web links are handed to the extension, which opens them outside.
document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a");
  if (!link) {
    return;
  }
  event.preventDefault();
  const href = link.getAttribute("href") ?? "";
  if (/^https?:/i.test(href)) {
    send({ type: "openLink", href });
  }
});

send({ type: "ready" });

function send(message: FromPanel): void {
  vscode.postMessage(message);
}

function reveal(): void {
  revealed = true;
  vscode.setState({ view, revealed });
  render();
}

function rate(rating: Rating): void {
  if (pending || view.kind !== "card" || !revealed) {
    return;
  }
  pending = true;
  send({ type: "rate", rating, durationMs: Math.round(performance.now() - shownAt) });
  render();
}

function undo(): void {
  if (pending || !((view.kind === "card" || view.kind === "complete") && view.canUndo)) {
    return;
  }
  pending = true;
  send({ type: "undo" });
  render();
}

function render(): void {
  const children: Node[] = [];
  switch (view.kind) {
    case "loading":
      children.push(el("p", { class: "status" }, "Loading…"));
      break;
    case "error":
      children.push(el("p", { class: "status error", role: "alert" }, view.message));
      break;
    case "empty":
      children.push(el("h1", {}, "Nothing due"), el("p", {}, "No card here is due for review now."));
      if (view.canStudyAll) {
        children.push(button("Study all cards anyway", "primary", () => {
          pending = true;
          send({ type: "studyAll" });
          render();
        }));
      }
      break;
    case "card":
      children.push(...cardView(view));
      break;
    case "complete":
      children.push(...completeView(view));
      break;
  }
  if (notice) {
    children.push(el("p", { class: "notice", role: "status" }, notice));
  }
  app.replaceChildren(...children);
  app.classList.toggle("pending", pending);
}

function cardView(current: Extract<PanelView, { kind: "card" }>): Node[] {
  const { card, progress } = current;
  const bar = el("progress", { class: "progress", max: String(Math.max(progress.total, 1)), value: String(progress.done), "aria-label": "Progress" });
  const header = el("header", { class: "session" }, bar, el("span", { class: "progress-text" }, formatProgress(progress)));

  // The back is the whole card (for a basic card the question, a rule and the answer; for a cloze the text with its
  // deletions filled in), so it replaces the front.
  const side = el("div", { class: revealed ? "side back markdown-body" : "side front markdown-body" });
  if (card.problem) {
    side.append(el("p", { class: "problem", role: "alert" }, card.problem));
  } else {
    side.append(safeCardFragment(revealed ? card.backHtml : card.frontHtml, current));
  }
  let actions: HTMLElement;
  if (revealed) {
    actions = el("div", { class: "ratings", role: "group", "aria-label": "How well did you know it?" });
    ratingLabels.forEach((label, index) => {
      const rating = (index + 1) as Rating;
      const rateButton = button("", `rate rate-${rating}`, () => rate(rating));
      rateButton.dataset.rating = String(rating);
      rateButton.append(el("span", { class: "label" }, label), el("span", { class: "interval" }, card.intervals[index] ?? ""));
      actions.append(rateButton);
    });
  } else {
    actions = el("div", { class: "reveal" }, button("Show answer", "primary show-answer", reveal, "Space"));
  }
  const tools = el(
    "div",
    { class: "tools" },
    button("Edit card", "secondary edit", () => send({ type: "edit" })),
    button("Undo", "secondary undo", undo, "U", !current.canUndo),
  );
  return [header, el("section", { class: "card", "data-card-id": card.cardId }, side), actions, tools];
}

function completeView(current: Extract<PanelView, { kind: "complete" }>): Node[] {
  const { summary } = current;
  const spread = el("table", { class: "spread" });
  // Shares of all ratings given: a card rated again counts in the spread each time, in "Cards reviewed" once.
  const given = Object.values(summary.ratings).reduce((sum, count) => sum + count, 0);
  ratingLabels.forEach((label, index) => {
    const count = summary.ratings[String(index + 1)] ?? 0;
    const share = el("progress", { max: String(Math.max(given, 1)), value: String(count), "aria-label": label });
    spread.append(el("tr", { "data-rating": String(index + 1) }, el("th", {}, label), el("td", { class: "count" }, String(count)), el("td", {}, share)));
  });
  const facts = el(
    "dl",
    { class: "summary" },
    el("dt", {}, "Cards reviewed"),
    el("dd", { class: "reviewed" }, String(summary.reviewed)),
    el("dt", {}, "Time"),
    el("dd", { class: "time" }, formatDuration(summary.durationMs)),
  );
  return [
    el("h1", { class: "complete" }, "Session complete"),
    facts,
    el("h2", {}, "Ratings"),
    spread,
    el("div", { class: "tools" }, button("Undo last rating", "secondary undo", undo, "U", !current.canUndo)),
  ];
}

function button(text: string, className: string, onClick: () => void, key?: string, disabled = false): HTMLButtonElement {
  const result = el("button", { class: className, type: "button" }, text) as HTMLButtonElement;
  if (key) {
    result.append(" ", el("kbd", {}, key));
  }
  result.disabled = disabled || pending;
  result.addEventListener("click", (event) => {
    event.stopPropagation();
    onClick();
  });
  return result;
}

function el(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
