// Figures shaped as the server's deck/statistics gives them (docs/protocol.md): days with reviews only, in order; weeks
// from Monday with rate = passed / reviews; a 30-day forecast with overdue cards today; the states adding up to cards.
import type { Statistics } from "../../src/protocol";

const dayMs = 86_400_000;

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A small deterministic random source (mulberry32), so the simulated months are the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About four months of studying most days, ending on `today`, as a learner's three decks would show. */
export function simulatedStatistics(today: string, months = 4): Statistics {
  const next = random(16);
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = end - Math.round(months * 30.4) * dayMs;
  const calendar: Statistics["calendar"] = [];
  const weeks = new Map<string, { reviews: number; passed: number }>();
  for (let time = start; time <= end; time += dayMs) {
    if (next() < 0.22) {
      continue; // a day off
    }
    const progress = (time - start) / (end - start);
    const reviews = Math.round(15 + 45 * progress + 25 * next());
    calendar.push({ date: day(time), reviews });
    const monday = time - ((new Date(time).getUTCDay() + 6) % 7) * dayMs;
    const week = weeks.get(day(monday)) ?? { reviews: 0, passed: 0 };
    const ofReviewCards = Math.round(reviews * (0.3 + 0.5 * progress));
    week.reviews += ofReviewCards;
    week.passed += Math.round(ofReviewCards * (0.8 + 0.12 * progress + 0.04 * next()));
    weeks.set(day(monday), week);
  }
  const forecast = Array.from({ length: 30 }, (_, i) => Math.round((i === 0 ? 38 : 30 * Math.exp(-i / 18)) + 12 * next()));
  const states = { new: 140, learning: 12, review: 412, relearning: 9 };
  const reviews = calendar.reduce((sum, d) => sum + d.reviews, 0);
  return {
    scope: "workspace",
    title: "Workspace",
    decks: 3,
    cards: states.new + states.learning + states.review + states.relearning,
    new: states.new,
    due: forecast[0],
    reviews,
    reviewsToday: calendar.at(-1)?.date === today ? calendar.at(-1)!.reviews : 0,
    today,
    calendar,
    forecast,
    retention: [...weeks].map(([week, w]) => ({ week, reviews: w.reviews, passed: w.passed, rate: w.passed / w.reviews })),
    states,
  };
}

/** A deck nobody has studied yet: every card new, nothing reviewed, nothing due. */
export function unstudiedStatistics(today: string, cards = 9): Statistics {
  return {
    scope: "deck",
    title: "RNN MLM Flashcards",
    decks: 1,
    cards,
    new: cards,
    due: 0,
    reviews: 0,
    reviewsToday: 0,
    today,
    calendar: [],
    forecast: new Array<number>(30).fill(0),
    retention: [],
    states: { new: cards, learning: 0, review: 0, relearning: 0 },
  };
}
