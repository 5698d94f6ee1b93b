//! Purpose: the report as markdown: what `report --format md` prints and what the weekly comment says.
import { days, GROUP_ROWS, localTime, markdownText, STATE_NAMES } from "./format.js";
import type { BugRef, Metrics, SlaBreach } from "./metrics.js";

/** Longer lists are cut, so a repository with 800 orphans still gets a comment GitHub accepts (65,536 characters). */
export const LIST_LIMIT = 50;

export function renderMarkdown(metrics: Metrics, timeZone: string): string {
  const groups = Object.entries(metrics.groups);
  const header = ["", "all", ...groups.map(([name]) => `\`${name}\``)];
  const table = [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...GROUP_ROWS.map(([name, value]) => `| ${name} | ${[metrics.all, ...groups.map(([, m]) => m)].map(value).join(" | ")} |`),
  ];
  const pulls = metrics.communityPullRequests;
  return [
    `## Bug report: ${metrics.repo}, ${metrics.week}`,
    "",
    `This week: ${localTime(metrics.since, timeZone)} → ${localTime(metrics.now, timeZone)} (${timeZone}).`,
    "",
    ...table,
    "",
    `Community pull requests (open, not draft): ${pulls.open}, open ${days(pulls.averageOpenDays)} days on average.`,
    "",
    pulls.waitingOnUs
      ? `Waiting on us (the contributor spoke last): ${pulls.waitingOnUs}, the longest for ${days(pulls.longestWaitDays)} days; ${pulls.waitingOverdue} past the follow-up goal.`
      : "Waiting on us (the contributor spoke last): none.",
    "",
    ...section("Orphans", "no state label and no group", metrics.orphans, (bug) => `${days(bug.openDays)} days open`),
    ...section("Reproduced orphans", "reproduced or later, nobody assigned", metrics.reproducedOrphans, (bug) =>
      [STATE_NAMES[bug.state ?? "orphan"], bug.group ? `\`${bug.group}\`` : null, `${days(bug.openDays)} days open`].filter(Boolean).join(", "),
    ),
    ...section("Inbox over SLA", "not reproduced within the business-day SLA", metrics.inboxOverSla, (bug) => `due ${localTime((bug as SlaBreach).dueAt, timeZone)}`),
  ].join("\n");
}

function section(title: string, meaning: string, bugs: readonly BugRef[], detail: (bug: BugRef) => string): string[] {
  if (bugs.length === 0) return [`### ${title}: none`, ""];
  const shown = bugs.slice(0, LIST_LIMIT).map((bug) => `- [#${bug.number}](${bug.url}) ${markdownText(bug.title)} — ${detail(bug)}`);
  const more = bugs.length > LIST_LIMIT ? [`- … and ${bugs.length - LIST_LIMIT} more`] : [];
  return [`### ${title} (${bugs.length}): ${meaning}`, "", ...shown, ...more, ""];
}
