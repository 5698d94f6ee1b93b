//! Purpose: a played scenario as text a person reads top to bottom: each step, what the bot wrote, where every issue stands.
import type { IssueState, PlayResult, StepReport, Write } from "./play.js";

const DAY = 86_400_000;

export function renderText(result: PlayResult): string {
  const out: string[] = [];
  const start = Date.parse(result.start);
  const when = (iso: string) => `day ${Math.floor((Date.parse(iso) - start) / DAY)}, ${clock(iso, result.timezone)}`;
  out.push(`${result.name} — ${result.repo}, from ${clock(result.start, result.timezone)} (${result.timezone})`, "");
  out.push("Start");
  out.push(...issueLines(result.initial, []), "");
  for (const step of result.steps) {
    const lines = stepLines(step, when);
    // A passed check reads as part of the step before it.
    if (lines.length === 1 && out.at(-1) === "") out.pop();
    out.push(...lines, "");
  }
  const problems = result.steps.reduce((sum, step) => sum + step.problems.length, 0);
  out.push(problems ? `✗ ${problems} problem(s); see the steps marked ✗` : `✓ ${result.steps.length} steps played, every check passed`);
  return `${out.join("\n")}\n`;
}

function stepLines(step: StepReport, when: (iso: string) => string): string[] {
  if (step.kind === "expect" && !step.problems.length && !step.writes.length) return [`✓ ${step.index}. ${step.what}: as expected`];
  const lines = [`${step.problems.length ? "✗" : "▸"} ${step.index}. [${when(step.at)}] ${step.what}`];
  const indent = "    ";
  // The server's delayed jobs fire on time, before the next sweep tick.
  if (step.timers?.length) lines.push(`${indent}delayed jobs due: ${step.timers.join(", ")}`);
  if (step.sweep) {
    const rules = Object.entries(step.sweep).map(([rule, count]) => `${rule} ×${count}`);
    lines.push(`${indent}sweep: ${rules.length ? rules.join(", ") : "nothing due"}`);
  }
  if (step.writes.length) {
    lines.push(`${indent}writes:`);
    for (const write of step.writes) lines.push(`${indent}  ${writeText(write)}`);
  }
  for (const comment of step.comments) {
    lines.push(`${indent}bot comments on #${comment.issue}:`);
    for (const text of comment.body.split("\n")) lines.push(`${indent}  │ ${text}`.trimEnd());
  }
  for (const problem of step.problems) lines.push(`${indent}✗ ${problem}`);
  if (step.changed.length || step.writes.length) lines.push(...issueLines(step.issues, step.changed));
  else lines.push(`${indent}(no issue changed)`);
  return lines;
}

function issueLines(issues: readonly IssueState[], changed: readonly number[]): string[] {
  if (!issues.length) return ["    (no issues)"];
  const width = Math.max(...issues.map((issue) => issue.state.length));
  return issues.map((issue) => {
    const mark = changed.includes(issue.number) ? "*" : " ";
    const kind = issue.isPullRequest ? "PR " : "";
    const labels = issue.labels.length ? issue.labels.join(", ") : "no labels";
    const assignees = issue.assignees.length ? issue.assignees.join(", ") : "—";
    const milestone = issue.milestone ? ` · milestone ${issue.milestone}` : "";
    const column = issue.column === undefined ? "" : ` · board: ${issue.column ?? "—"}`;
    return `  ${mark} ${kind}#${issue.number} ${issue.state.padEnd(width)} · ${labels} · assigned: ${assignees}${milestone}${column}`;
  });
}

function writeText(write: Write): string {
  const on = write.issue === null ? "" : `#${write.issue} `;
  const detail = write.detail ? ` ${write.detail}` : "";
  const result = write.result === "ok" ? "" : ` [${write.result}${write.error ? `: ${write.error}` : ""}]`;
  return `${on}${write.action}${detail}${result}`;
}

/** `Mon 2 Nov 2026, 09:00` in the config's time zone: business-day rules are judged there. */
function clock(iso: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return format.format(new Date(iso));
}
