//! Purpose: the adopt preview as markdown: what a lead reads and approves before the first sweep (docs/first-day.md).
import type { AdoptDecision, AdoptEntry } from "../lifecycle/adopt.js";
import { markdownText, STATE_NAMES } from "../report/format.js";
import { commentText, describeWrite } from "./describe-write.js";
import type { AdoptPreview } from "./preview.js";

const quote = (text: string) => text.split("\n").map((line) => `> ${line.replace(/@/g, "@\u200d")}`).join("\n");

function decision(entry: AdoptEntry, d: AdoptDecision): string {
  const head = `- **#${entry.number}** ${markdownText(entry.title)}: \`${d.rule}\`${d.mode === "shadow" ? " (shadow: logged, not written)" : ""}, due since ${d.clock.slice(0, 16).replace("T", " ")} UTC (${markdownText(d.why)})`;
  const writes = d.writes.map((w) => {
    const text = commentText(w);
    return text === null ? `  - ${markdownText(describeWrite(w))}` : `  - comment:\n\n${quote(text).replace(/^/gm, "    ")}\n`;
  });
  return [head, ...writes].join("\n");
}

export function renderAdoptMarkdown(preview: AdoptPreview): string {
  const t = preview.totals;
  const repairs = preview.items.filter((e) => e.repair);
  const sweep = preview.items.flatMap((e) => e.sweep.map((d) => [e, d] as const));
  const attention = preview.items.filter((e) => e.attention.length);
  const states = Object.entries(t.perState).map(([state, count]) => `| ${STATE_NAMES[state as keyof typeof STATE_NAMES]} | ${count} |`);
  const rules = Object.entries(t.sweep).map(([rule, count]) => `\`${rule}\` ${count}`).join(", ") || "nothing";
  return [
    `## Adopting bug-lifecycle: ${preview.repo}`,
    "",
    `Decided at ${preview.now.slice(0, 16).replace("T", " ")} UTC from ${t.bugs} open bugs and ${t.pulls} community pull requests (${preview.requests} requests).`,
    "",
    `- **Repairs** (\`adopt --apply\` makes them): ${t.repairs} items`,
    `- **The first sweep** would then write: ${rules}`,
    ...(Object.keys(t.shadow).length ? [`- **In shadow** (decided and logged, never written): ${Object.entries(t.shadow).map(([rule, count]) => `\`${rule}\` ${count}`).join(", ")}`] : []),
    `- **Left for a person**: ${attention.length} items`,
    "",
    "| state | open bugs |",
    "|---|---:|",
    ...states,
    "",
    `### Repairs (${repairs.length})`,
    "",
    ...(repairs.length ? repairs.map((e) => decision(e, e.repair!)) : ["Nothing to repair."]),
    "",
    `### What the first sweep would write (${sweep.length})`,
    "",
    ...(sweep.length ? sweep.map(([e, d]) => decision(e, d)) : ["Nothing is due."]),
    "",
    `### Left for a person (${attention.length})`,
    "",
    ...(attention.length ? attention.map((e) => `- **#${e.number}** ${markdownText(e.title)}: ${e.attention.map((a) => markdownText(a.detail)).join("; ")}`) : ["Nothing: every item is decided by a rule."]),
    "",
    `<details><summary>Every item (${preview.items.length})</summary>`,
    "",
    "| item | title | state | labels | assignees |",
    "|---|---|---|---|---|",
    ...preview.items.map((e) => `| #${e.number} | ${markdownText(e.title)} | ${e.kind === "bug" ? STATE_NAMES[e.state ?? "orphan"] : "pull request"} | ${markdownText(e.labels.join(", "))} | ${markdownText(e.assignees.join(", "))} |`),
    "",
    "</details>",
    "",
  ].join("\n");
}
