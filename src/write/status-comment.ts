//! Purpose: apply's status-comment step (statusComment: true): a transition's informational comments fold into the one status comment, whose create or edit rides in the transition's one mutation document.
import { markersIn, restoreIn } from "../lifecycle/markers.js";
import { applyEffects } from "../lifecycle/plan.js";
import { clocksAfter, folds, renderStatus } from "../lifecycle/status-comment.js";
import { changed, fieldsOf, STATUS_KEY, withEntry, type StatusRecord } from "../lifecycle/status-record.js";
import type { Effect, IssueSnapshot, UndoMark } from "../lifecycle/types.js";
import type { ExtraMutation } from "../github/mutations.js";
import { readIssue } from "../github/read-issues.js";
import type { IdBook } from "../github/ids.js";
import type { RepoRef } from "../github/to-event.js";
import type { Config } from "../lifecycle/config.js";
import type { Octokit } from "../runtime/clients.js";

/** What the step reads of apply's `Change` (declared here: apply imports this file, not the other way). */
export interface StatusInput {
  octokit: Octokit;
  repo: RepoRef;
  ids: IdBook;
  config: Config;
  snapshots: readonly IssueSnapshot[];
  line: { msg: string; fields: Record<string, unknown> };
  now?: Date | undefined;
  status?: StatusNote | undefined;
}

/** Who and what a transition answers, for its line in the history (the handler knows; timers leave it out). */
export interface StatusNote {
  /** The person whose act it answered. */
  by?: string | undefined;
  /** `/undo`: the transition it reverts. */
  undo?: UndoMark | undefined;
}

export interface StatusWrites {
  /** The planned writes without the comments folded into the status comment. */
  writes: Effect[];
  /** The status comment's create (`addComment`) or edit (`updateIssueComment`), for the same document. */
  extra: ExtraMutation[];
}

/**
 * For each issue the writes transition (a field `/undo` restores changes): the status comment, with the
 * transition added to its record. Off (`statusComment: false`), or no transition: the writes as they were.
 * The comment is read fresh when the snapshot did not read it (a REST read, not paced like a write).
 */
export async function statusWrites(change: StatusInput, writes: readonly Effect[], self: string | undefined): Promise<StatusWrites> {
  if (!change.config.statusComment) return { writes: [...writes], extra: [] };
  const now = change.now ?? new Date();
  // The sweep's repair of a deleted or damaged status comment is this step's to write, never execute's.
  let kept = writes.filter((effect) => effect.type !== "repair-status");
  const extra: ExtraMutation[] = [];
  for (const before of change.snapshots) {
    const own = kept.filter((effect) => effect.issue === before.number);
    const repair = writes.some((effect) => effect.type === "repair-status" && effect.issue === before.number);
    const after = applyEffects(before, own);
    const moves = own.length > 0 && changed(fieldsOf(before), fieldsOf(after));
    if (!moves && !repair) continue;
    // A REST read (the handler's fresh read) knows the comment's node id, or that there is none; a GraphQL
    // read without the id, or none at all, is read again here.
    const known = before.status === null || before.status?.comment !== undefined;
    const existing = known ? (before.status ?? null) : ((await readIssue(change.octokit, change.repo, before.number, change.ids, { self }))?.status ?? null);
    // Repaired already (a second sweep, another replica): nothing to write.
    if (!moves && existing?.comment?.intact) continue;
    const folded = moves ? own.filter(folds) : [];
    kept = kept.filter((effect) => !folded.includes(effect as (typeof folded)[number]));
    const record = !moves ? { entries: existing?.entries ?? [] } : withEntry(existing, {
      at: now.toISOString(),
      rule: ruleOf(change.line),
      ...(change.status?.by && { by: change.status.by }),
      before: fieldsOf(before),
      after: fieldsOf(after),
      ...(change.status?.undo && { undoes: change.status.undo.at, key: change.status.undo.key }),
      ...(folded.length && { notes: folded.map((effect) => effect.body) }),
    });
    const body = render(change, before, after, record, existing, folded, now);
    const subject = change.ids.issues.get(before.number);
    if (existing?.comment) {
      extra.push({ field: "updateIssueComment", inputType: "UpdateIssueCommentInput", input: { id: existing.comment.nodeId, body }, issue: before.number, action: "status-comment", detail: "edit" });
    } else if (subject) {
      extra.push({ field: "addComment", inputType: "AddCommentInput", input: { subjectId: subject, body }, issue: before.number, action: "status-comment", detail: "create" });
    }
  }
  return { writes: kept, extra };
}

function render(change: StatusInput, before: IssueSnapshot, after: IssueSnapshot, record: StatusRecord, existing: StatusRecord | null, folded: readonly Extract<Effect, { type: "comment" }>[], now: Date): string {
  const earlier = existing?.comment?.body ?? "";
  const keys = [...markersIn(earlier).filter((key) => key !== STATUS_KEY), ...folded.map((effect) => effect.key)];
  const restore = [...folded].reverse().find((effect) => effect.restore)?.restore ?? restoreIn(earlier);
  const issue = { ...after, status: record, clocks: clocksAfter(before, after, change.config, now) };
  return renderStatus({ issue, keys, restore }, change.config, now);
}

/** The decision's rule as its log line names it (`rule`; the sweep's `rules`, the timer that fired). */
function ruleOf(line: StatusInput["line"]): string {
  const { rule, rules } = line.fields;
  if (typeof rule === "string") return rule;
  if (Array.isArray(rules) && rules.length) return rules.join("; ");
  return line.msg;
}
