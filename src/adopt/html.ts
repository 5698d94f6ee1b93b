//! Purpose: the adopt preview as one self-contained HTML page (no network): what a lead reads and approves, with a filter box.
import type { AdoptDecision, AdoptEntry } from "../lifecycle/adopt.js";
import { htmlText, STATE_NAMES } from "../report/format.js";
import { commentText, describeWrite } from "./describe-write.js";
import type { AdoptPreview } from "./preview.js";

/** Ids the browser test reads back. */
export const ADOPT_IDS = { filter: "adopt-filter", repairs: "repairs", sweep: "first-sweep", attention: "attention", items: "items" } as const;

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const link = (e: AdoptEntry) => (e.url ? `<a href="${htmlText(e.url)}">#${e.number}</a>` : `#${e.number}`);

function writes(d: AdoptDecision): string {
  return `<ul>${d.writes
    .map((w) => {
      const text = commentText(w);
      return text === null ? `<li>${htmlText(describeWrite(w))}</li>` : `<li>comment:<blockquote>${htmlText(text)}</blockquote></li>`;
    })
    .join("")}</ul>`;
}

function decisionRows(rows: ReadonlyArray<readonly [AdoptEntry, AdoptDecision]>): string {
  if (!rows.length) return `<p class="muted">None.</p>`;
  const body = rows
    .map(([e, d]) => `<tr data-rule="${htmlText(d.rule)}"><td>${link(e)}</td><td>${htmlText(e.title)}</td><td><code>${htmlText(d.rule)}</code>${d.mode === "shadow" ? `<br><span class="muted">shadow: logged, not written</span>` : ""}</td><td>${when(d.clock)}<br><span class="muted">${htmlText(d.why)}</span></td><td>${writes(d)}</td></tr>`)
    .join("\n");
  return `<table><thead><tr><th>item</th><th>title</th><th>rule</th><th>clock</th><th>writes</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderAdoptHtml(preview: AdoptPreview): string {
  const t = preview.totals;
  const repairs = preview.items.filter((e) => e.repair).map((e) => [e, e.repair!] as const);
  const sweep = preview.items.flatMap((e) => e.sweep.map((d) => [e, d] as const));
  const attention = preview.items.filter((e) => e.attention.length);
  const title = `Adopting bug-lifecycle: ${preview.repo}`;
  const card = (label: string, value: number) => `<div class="card"><div class="value">${value}</div><div class="label">${htmlText(label)}</div></div>`;
  const attentionRows = attention
    .map((e) => `<tr><td>${link(e)}</td><td>${htmlText(e.title)}</td><td>${htmlText(e.state ? STATE_NAMES[e.state] : "")}</td><td>${e.attention.map((a) => htmlText(a.detail)).join("<br>")}</td></tr>`)
    .join("\n");
  const itemRows = preview.items
    .map((e) => `<tr><td>${link(e)}</td><td>${htmlText(e.title)}</td><td>${e.kind === "bug" ? htmlText(STATE_NAMES[e.state ?? "orphan"]) : "pull request"}</td><td>${htmlText(e.labels.join(", "))}</td><td>${htmlText(e.assignees.join(", "))}</td></tr>`)
    .join("\n");
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
<p class="muted">Decided at ${when(preview.now)} from ${t.bugs} open bugs and ${t.pulls} community pull requests (${preview.requests} requests). <code>adopt --apply</code> makes the repairs only; the first sweep makes the rest.</p>
<div class="cards">${card("repairs", t.repairs)}${card("first-sweep writes", sweep.length)}${card("left for a person", attention.length)}${card("open bugs", t.bugs)}${card("community PRs", t.pulls)}</div>
<p><label>Filter rows: <input id="${ADOPT_IDS.filter}" type="search" placeholder="a number, a rule, a label, a login"></label></p>
<section id="${ADOPT_IDS.repairs}"><h2>Repairs (${repairs.length})</h2>${decisionRows(repairs)}</section>
<section id="${ADOPT_IDS.sweep}"><h2>What the first sweep would write (${sweep.length})</h2>${decisionRows(sweep)}</section>
<section id="${ADOPT_IDS.attention}"><h2>Left for a person (${attention.length})</h2>${attention.length ? `<table><thead><tr><th>item</th><th>title</th><th>state</th><th>why</th></tr></thead><tbody>\n${attentionRows}\n</tbody></table>` : `<p class="muted">None.</p>`}</section>
<section id="${ADOPT_IDS.items}"><h2>Every item (${preview.items.length})</h2><table><thead><tr><th>item</th><th>title</th><th>state</th><th>labels</th><th>assignees</th></tr></thead><tbody>\n${itemRows}\n</tbody></table></section>
<script>${FILTER}</script>
</body>
</html>
`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: #59636e; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0; }
.card { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
.card .value { font-size: 20px; font-weight: 600; } .card .label { color: #59636e; font-size: 12px; }
table { border-collapse: collapse; margin: 4px 0; width: 100%; }
th, td { border-bottom: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; }
ul { margin: 0; padding-left: 18px; } blockquote { margin: 4px 0; padding: 4px 8px; border-left: 3px solid #d1d9e0; white-space: pre-wrap; }
a { color: #0969da; } tr.hidden { display: none; }
`;

/** Runs in the page: hides the rows that do not contain the filter's text. */
const FILTER = `
(function () {
  var input = document.getElementById("${ADOPT_IDS.filter}");
  input.addEventListener("input", function () {
    var text = input.value.trim().toLowerCase();
    document.querySelectorAll("tbody tr").forEach(function (row) {
      row.classList.toggle("hidden", text !== "" && row.textContent.toLowerCase().indexOf(text) === -1);
    });
  });
})();
`;
