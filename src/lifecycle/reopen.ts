//! Purpose: bring back an issue the bot closed with what it had before (docs/contract.md §2, `/reopen` and reopen events).
import type { Config } from "./config.js";
import { includesLogin } from "./people.js";
import type { Effect, IssueSnapshot } from "./types.js";

/** Effects that restore the saved labels and assignees; `reopen` adds the reopen itself (for `/reopen`). */
export function restoreEffects(issue: IssueSnapshot, config: Config, reopen: boolean): Effect[] {
  const effects: Effect[] = reopen ? [{ type: "reopen", issue: issue.number }] : [];
  const saved = issue.restore;
  const needsInfo = config.labels.needsInfo;
  if (saved) {
    const labels = saved.labels.filter((label) => label !== needsInfo && !issue.labels.includes(label));
    if (labels.length) effects.push({ type: "add-labels", issue: issue.number, labels });
    const logins = saved.assignees.filter((login) => !includesLogin(issue.assignees, login));
    if (logins.length) effects.push({ type: "add-assignees", issue: issue.number, logins });
  }
  if (issue.labels.includes(needsInfo)) effects.push({ type: "remove-labels", issue: issue.number, labels: [needsInfo] });
  return effects;
}
