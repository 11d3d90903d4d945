// The statistics page's arithmetic, apart from the drawing: the calendar grid, labels and sentences. Dates are the
// server's local days as yyyy-MM-dd; they are handled as UTC dates here, so no time zone moves them.
import type { Statistics, StatisticsWeek } from "../../protocol";

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const dayMs = 86_400_000;

function parseDay(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year, month - 1, date);
}

function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** "Dec 2". */
export function shortDate(day: string): string {
  const date = new Date(parseDay(day));
  return `${months[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

export interface CalendarCell {
  /** The week's column, 0 the oldest. */
  x: number;
  /** 0 Monday … 6 Sunday. */
  y: number;
  date: string;
  reviews: number;
}

export interface CalendarGrid {
  /** Each column's label: the month's name on the column where a month starts, else "". */
  columns: string[];
  cells: CalendarCell[];
  /** The most reviews on one day in the grid. */
  max: number;
}

/** A year of days (`weeks` columns, Monday to Sunday, the last holding today), each with its reviews. */
export function calendarGrid(calendar: Statistics["calendar"], today: string, weeks = 53): CalendarGrid {
  const reviews = new Map(calendar.map((day) => [day.date, day.reviews]));
  const end = parseDay(today);
  const weekday = (new Date(end).getUTCDay() + 6) % 7;
  const start = end - (weekday + (weeks - 1) * 7) * dayMs;
  const cells: CalendarCell[] = [];
  const columns: string[] = [];
  for (let x = 0; x < weeks; x++) {
    let label = "";
    for (let y = 0; y < 7; y++) {
      const time = start + (x * 7 + y) * dayMs;
      if (time > end) {
        break;
      }
      const date = formatDay(time);
      if (new Date(time).getUTCDate() === 1) {
        label = months[new Date(time).getUTCMonth()];
      }
      cells.push({ x, y, date, reviews: reviews.get(date) ?? 0 });
    }
    columns.push(label);
  }
  return { columns, cells, max: Math.max(0, ...cells.map((cell) => cell.reviews)) };
}

/** The forecast's day labels: "Today", then dates. */
export function forecastLabels(today: string, days: number): string[] {
  const start = parseDay(today);
  return Array.from({ length: days }, (_, i) => (i === 0 ? "Today" : shortDate(formatDay(start + i * dayMs))));
}

/** The latest `count` weeks of retention. */
export function recentWeeks(retention: StatisticsWeek[], count = 26): StatisticsWeek[] {
  return retention.slice(-count);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** The sentences beside each chart: the totals in words, and what an empty chart means. */
export function captions(statistics: Statistics): { calendar: string; forecast: string; retention: string; states: string; summary: string } {
  const { calendar, forecast, retention, states } = statistics;
  const reviewDays = calendar.filter((day) => day.reviews > 0).length;
  const dueSoon = forecast.reduce((sum, n) => sum + n, 0);
  const retained = retention.reduce((sum, week) => sum + week.passed, 0);
  const retainedOf = retention.reduce((sum, week) => sum + week.reviews, 0);
  return {
    summary: `${plural(statistics.cards, "card")} in ${plural(statistics.decks, "deck")} · ${statistics.due} due · ${statistics.new} new · ` +
      `${plural(statistics.reviews, "review")} (${statistics.reviewsToday} today)`,
    calendar: statistics.reviews === 0
      ? "No reviews yet: the calendar fills in as you study."
      : `${plural(statistics.reviews, "review")} on ${plural(reviewDays, "day")}`,
    forecast: dueSoon === 0
      ? "Nothing falls due in the next 30 days."
      : `${plural(dueSoon, "card")} due in the next 30 days, ${forecast[0]} today`,
    retention: retainedOf === 0
      ? "No reviews of cards in the Review state yet: true retention shows once cards come back for review."
      : `${percent(retained / retainedOf)} passed of ${plural(retainedOf, "review")} of cards in review`,
    states: `${states.new} new, ${states.learning} learning, ${states.review} review, ${states.relearning} relearning`,
  };
}
