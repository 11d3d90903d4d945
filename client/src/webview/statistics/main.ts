// The statistics page. It draws the figures the extension sends (from the server's deck/statistics) with Chart.js and
// chartjs-chart-matrix, in the theme's colours; it keeps the last figures with getState so a panel shown again draws at
// once, and asks for fresh ones with "ready" and "refresh". It computes nothing the server has not.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";
import type { Statistics } from "../../protocol";
import type { FromStatisticsPage, ToStatisticsPage } from "../../statistics/statisticsMessages";
import { calendarGrid, captions, forecastLabels, recentWeeks, shortDate, weekdays } from "./figures";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, MatrixController, MatrixElement);

interface VsCodeApi {
  postMessage(message: FromStatisticsPage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface PageState {
  statistics: Statistics;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById("app") as HTMLElement;
let charts: Chart[] = [];

const saved = vscode.getState();
if (saved?.statistics) {
  draw(saved.statistics);
}

window.addEventListener("message", (event: MessageEvent<ToStatisticsPage>) => {
  const message = event.data;
  if (message?.type === "statistics") {
    vscode.setState({ statistics: message.statistics });
    draw(message.statistics);
  } else if (message?.type === "error") {
    clear();
    app.replaceChildren(element("p", "status error", message.message));
  }
});

vscode.postMessage({ type: "ready" });

/** The theme's colours, read from the CSS variables VS Code sets on the page (with defaults outside VS Code). */
function theme() {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: read("--vscode-foreground", "#cccccc"),
    muted: read("--vscode-descriptionForeground", "#9d9d9d"),
    grid: read("--vscode-editorWidget-border", read("--vscode-widget-border", "#454545")),
    empty: read("--vscode-editorWidget-background", "#252526"),
    blue: read("--vscode-charts-blue", "#3794ff"),
    green: read("--vscode-charts-green", "#89d185"),
    red: read("--vscode-charts-red", "#f14c4c"),
    yellow: read("--vscode-charts-yellow", "#cca700"),
    orange: read("--vscode-charts-orange", "#d18616"),
    purple: read("--vscode-charts-purple", "#b180d7"),
    font: style.fontFamily,
  };
}

/** `color` (a #hex colour) at `alpha`; other notations are kept as they are. */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color)?.[1];
  if (!hex) {
    return color;
  }
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function clear(): void {
  for (const chart of charts.splice(0)) {
    chart.destroy();
  }
}

/**
 * One chart's section: a heading, the sentence with its totals, and the canvas. The canvas is an image to assistive
 * technology, labelled with the same sentence, and holds the figures as a table for anything that cannot see it.
 */
function section(id: string, title: string, caption: string, rows: Array<[string, string]> | undefined): HTMLCanvasElement | undefined {
  const part = element("section", `chart-section ${id}`);
  part.append(element("h2", undefined, title), element("p", rows ? "caption" : "caption empty", caption));
  app.append(part);
  if (!rows) {
    return undefined;
  }
  const frame = element("div", `chart ${id}`);
  const canvas = element("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${title}: ${caption}`);
  const table = element("table");
  for (const [label, value] of rows) {
    const row = element("tr");
    row.append(element("th", undefined, label), element("td", undefined, value));
    table.append(row);
  }
  canvas.append(table);
  frame.append(canvas);
  part.append(frame);
  return canvas;
}

function chart(canvas: HTMLCanvasElement | undefined, configuration: ChartConfiguration): void {
  if (canvas) {
    charts.push(new Chart(canvas, configuration));
  }
}

function draw(statistics: Statistics): void {
  clear();
  const colors = theme();
  Chart.defaults.color = colors.muted;
  Chart.defaults.borderColor = colors.grid;
  Chart.defaults.font.family = colors.font;
  // Drawn at once: no animation to wait for (or to distract), and tests and screenshots see the final picture.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  const text = captions(statistics);
  const header = element("header");
  const refresh = element("button", "refresh", "Refresh");
  refresh.addEventListener("click", () => vscode.postMessage({ type: "refresh" }));
  header.append(element("h1", undefined, statistics.title), element("p", "summary", text.summary), refresh);
  app.replaceChildren(header);
  if (statistics.decks === 0) {
    app.append(element("p", "status", "There are no decks here."));
    return;
  }

  drawCalendar(statistics, text.calendar, colors);
  drawForecast(statistics, text.forecast, colors);
  drawRetention(statistics, text.retention, colors);
  drawStates(statistics, text.states, colors);
}

type Colors = ReturnType<typeof theme>;

function drawCalendar(statistics: Statistics, caption: string, colors: Colors): void {
  const grid = calendarGrid(statistics.calendar, statistics.today);
  const reviewed = grid.cells.filter((cell) => cell.reviews > 0);
  const canvas = section("calendar", "Reviews per day", caption,
    statistics.reviews === 0 ? undefined : reviewed.map((cell) => [cell.date, String(cell.reviews)]));
  const columns = grid.columns.length;
  const rows = [...weekdays].reverse();
  chart(canvas, {
    type: "matrix",
    data: {
      datasets: [{
        label: "Reviews",
        data: grid.cells.map((cell) => ({ x: String(cell.x), y: weekdays[cell.y], v: cell.reviews, date: cell.date })),
        // Four steps of the theme's blue, as a calendar heatmap usually has; a day without reviews is the widget background.
        backgroundColor: (context) => {
          const reviews = (context.raw as { v?: number } | undefined)?.v ?? 0;
          return reviews === 0 ? colors.empty : withAlpha(colors.blue, 0.25 + 0.75 * Math.ceil((4 * reviews) / Math.max(1, grid.max)) / 4);
        },
        borderWidth: 0,
        width: ({ chart }) => Math.max(1, (chart.chartArea?.width ?? 0) / columns - 2),
        height: ({ chart }) => Math.max(1, (chart.chartArea?.height ?? 0) / 7 - 2),
      }],
    },
    options: {
      plugins: {
        tooltip: {
          callbacks: {
            title: () => "",
            label: (item) => {
              const cell = item.raw as { v: number; date: string };
              return `${shortDate(cell.date)}: ${cell.v === 1 ? "1 review" : `${cell.v} reviews`}`;
            },
          },
        },
      },
      scales: {
        x: {
          type: "category",
          labels: grid.columns.map((_, i) => String(i)),
          offset: true,
          grid: { display: false },
          border: { display: false },
          ticks: { autoSkip: false, maxRotation: 0, callback: (value) => grid.columns[Number(value)] },
        },
        y: {
          type: "category",
          // A vertical category scale counts from the bottom: Sunday first puts Monday on top, as a calendar reads.
          labels: rows,
          offset: true,
          grid: { display: false },
          border: { display: false },
          ticks: { callback: (value) => (Number(value) % 2 === 0 ? rows[Number(value)] : "") },
        },
      },
    },
  } satisfies ChartConfiguration<"matrix"> as unknown as ChartConfiguration);
}

function drawForecast(statistics: Statistics, caption: string, colors: Colors): void {
  const labels = forecastLabels(statistics.today, statistics.forecast.length);
  const total = statistics.forecast.reduce((sum, n) => sum + n, 0);
  const canvas = section("forecast", "Due in the next 30 days", caption,
    total === 0 ? undefined : labels.map((label, i) => [label, String(statistics.forecast[i])]));
  chart(canvas, {
    type: "bar",
    data: { labels, datasets: [{ label: "Cards due", data: statistics.forecast, backgroundColor: colors.blue }] },
    options: {
      scales: {
        x: { grid: { display: false }, title: { display: true, text: "Day" } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Cards due" } },
      },
    },
  });
}

function drawRetention(statistics: Statistics, caption: string, colors: Colors): void {
  const weeks = recentWeeks(statistics.retention);
  const canvas = section("retention", "True retention by week", caption,
    weeks.length === 0 ? undefined : weeks.map((week) => [`Week of ${shortDate(week.week)}`, `${Math.round(week.rate * 100)}% of ${week.reviews}`]));
  chart(canvas, {
    type: "line",
    data: {
      labels: weeks.map((week) => shortDate(week.week)),
      datasets: [{
        label: "Passed",
        data: weeks.map((week) => Math.round(week.rate * 1000) / 10),
        borderColor: colors.green,
        backgroundColor: colors.green,
        pointRadius: 3,
      }],
    },
    options: {
      plugins: {
        tooltip: { callbacks: { label: (item) => `${item.formattedValue}% of ${weeks[item.dataIndex].reviews} reviews` } },
      },
      scales: {
        x: { grid: { display: false }, title: { display: true, text: "Week" } },
        y: { min: 0, max: 100, title: { display: true, text: "Passed (%)" } },
      },
    },
  });
}

function drawStates(statistics: Statistics, caption: string, colors: Colors): void {
  const { states } = statistics;
  const labels = ["New", "Learning", "Review", "Relearning"];
  const values = [states.new, states.learning, states.review, states.relearning];
  const canvas = section("states", "Cards by state", caption, labels.map((label, i) => [label, String(values[i])]));
  chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [{ label: "Cards", data: values, backgroundColor: [colors.blue, colors.orange, colors.green, colors.red] }],
    },
    options: {
      indexAxis: "y",
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Cards" } },
        y: { grid: { display: false } },
      },
    },
  });
}
