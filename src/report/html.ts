//! Purpose: the HTML report: one self-contained page (Chart.js inlined, data embedded) that works offline.
import { BUG_STATES, type BugState } from "../lifecycle/types.js";
import { days, GROUP_ROWS, htmlText, localTime, STATE_NAMES } from "./format.js";
import type { BugRef, GroupMetrics, SlaBreach } from "./metrics.js";
import type { Report } from "./report.js";

/** One color per state, the same in both charts, readable on white and distinct for common color blindness. */
export const STATE_COLORS: Record<BugState, string> = {
  inbox: "#4e79a7",
  reproduced: "#f28e2b",
  drafting: "#b07aa1",
  engineering: "#59a14f",
  "awaiting-qa": "#edc948",
  "ready-for-release": "#76b7b2",
  orphan: "#e15759",
};

/** The ids of the page's canvases, which the browser test reads back from `Chart.instances`. */
export const CHART_IDS = { states: "states-over-weeks", timeInState: "time-in-state" } as const;

/** `chartJs` is the library's UMD source (`chartJsSource()`), passed in so rendering stays a pure function. */
export function renderHtml(report: Report, timeZone: string, chartJs: string): string {
  const m = report.metrics;
  const title = `Bug report: ${m.repo}, ${m.week}`;
  const data = {
    ids: CHART_IDS,
    colors: STATE_COLORS,
    names: STATE_NAMES,
    history: report.history,
    timeInState: report.timeInState,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${htmlText(title)}</h1>
<p class="muted">This week: ${localTime(m.since, timeZone)} → ${localTime(m.now, timeZone)} (${htmlText(timeZone)}).</p>
<div class="cards">
${card("open bugs", m.all.open)}${card("opened this week", m.all.openedThisWeek)}${card("closed this week", m.all.closedThisWeek)}
${card("orphans", m.all.orphans)}${card("reproduced orphans", m.all.reproducedOrphans)}${card("inbox over SLA", m.all.inboxOverSla)}
${card("average days open", days(m.all.averageOpenDays))}${card("open 32+ days", m.all.openAtLeast32Days)}
${card("community PRs", m.communityPullRequests.open)}
${card("community PRs waiting on us", m.communityPullRequests.waitingOnUs)}
</div>
<div class="charts">
<section><h2>Open bugs per state, last ${report.history.weeks.length} weeks</h2><div class="chart"><canvas id="${CHART_IDS.states}" role="img" aria-label="Open bugs per state at the end of each week"></canvas></div></section>
<section><h2>Average days in each state, per group</h2><div class="chart"><canvas id="${CHART_IDS.timeInState}" role="img" aria-label="Average days bugs spent in each state, per group"></canvas></div></section>
</div>
<section><h2>Per group</h2>${groupTable(m.all, m.groups)}</section>
<section><h2>Orphans (${m.orphans.length})</h2>${bugTable(m.orphans, [])}</section>
<section><h2>Reproduced orphans (${m.reproducedOrphans.length})</h2>${bugTable(m.reproducedOrphans, [["state", (b) => STATE_NAMES[b.state ?? "orphan"]]])}</section>
<section><h2>Inbox over SLA (${m.inboxOverSla.length})</h2>${bugTable(m.inboxOverSla, [["due", (b) => localTime((b as SlaBreach).dueAt, timeZone)]])}</section>
<section><h2>Oldest open bugs per state</h2>${BUG_STATES.map((state) => `<h3>${STATE_NAMES[state]}</h3>${bugTable(m.oldest[state], [["days in state", (b) => days(b.daysInState)]])}`).join("\n")}</section>
<script>${chartJs}</script>
<script id="report-data" type="application/json">${jsonForScript(data)}</script>
<script>${CHARTS}</script>
</body>
</html>
`;
}

function card(label: string, value: number | string): string {
  return `<div class="card"><div class="value">${htmlText(String(value))}</div><div class="label">${htmlText(label)}</div></div>`;
}

function groupTable(all: GroupMetrics, groups: Record<string, GroupMetrics>): string {
  const columns: Array<[string, GroupMetrics]> = [["all", all], ...Object.entries(groups)];
  const head = `<tr><th></th>${columns.map(([name]) => `<th class="num">${htmlText(name)}</th>`).join("")}</tr>`;
  const body = GROUP_ROWS.map(([name, value]) => `<tr><th>${htmlText(name)}</th>${columns.map(([, g]) => `<td class="num">${htmlText(value(g))}</td>`).join("")}</tr>`);
  return `<table>${head}${body.join("")}</table>`;
}

function bugTable(bugs: readonly BugRef[], extra: Array<[string, (bug: BugRef) => string]>): string {
  if (bugs.length === 0) return `<p class="muted">None.</p>`;
  const head = ["bug", "title", "group", "assignees", "days open", ...extra.map(([name]) => name)];
  const rows = bugs.map((bug) => {
    const cells = [
      `<a href="${htmlText(bug.url)}">#${bug.number}</a>`,
      htmlText(bug.title),
      htmlText(bug.group ?? "—"),
      htmlText(bug.assignees.join(", ") || "—"),
      days(bug.openDays),
      ...extra.map(([, value]) => htmlText(value(bug))),
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
  });
  return `<table><tr>${head.map((name) => `<th>${name}</th>`).join("")}</tr>${rows.join("")}</table>`;
}

/** JSON inside <script>: `<` escaped so a title like `</script>` cannot end the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; } h3 { font-size: 14px; margin: 16px 0 6px; }
.muted { color: #59636e; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0; }
.card { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
.card .value { font-size: 20px; font-weight: 600; } .card .label { color: #59636e; font-size: 12px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
.chart { position: relative; height: 320px; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border-bottom: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; }
.num { text-align: right; } a { color: #0969da; }
`;

/** Runs in the page: builds both charts from the embedded data. No animation, so a screenshot shows the final chart. */
const CHARTS = `
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var states = Object.keys(data.names);
  Chart.defaults.animation = false;
  new Chart(document.getElementById(data.ids.states), {
    type: "line",
    data: {
      labels: data.history.weeks,
      // Stacked areas: each fills down to the one below it, so the bands do not overlap.
      datasets: states.map(function (state, i) {
        return { label: data.names[state], data: data.history.perState[state], borderColor: data.colors[state],
          backgroundColor: data.colors[state] + "b3", fill: i === 0 ? "origin" : "-1", tension: 0.2, pointRadius: 2 };
      })
    },
    options: { maintainAspectRatio: false, interaction: { mode: "index", intersect: false },
      scales: { y: { stacked: true, beginAtZero: true, title: { display: true, text: "open bugs" } } } }
  });
  new Chart(document.getElementById(data.ids.timeInState), {
    type: "bar",
    data: {
      labels: data.timeInState.groups,
      datasets: states.map(function (state) {
        return { label: data.names[state], data: data.timeInState.perState[state], backgroundColor: data.colors[state] };
      })
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, title: { display: true, text: "days" } } } }
  });
})();
`;
