//! Purpose: turn a plan of writes into ONE GraphQL document (GitHub runs its mutations in order), so a transition is one request.
import { withMarker } from "../lifecycle/markers.js";
import type { Effect } from "../lifecycle/types.js";
import type { IdBook } from "./ids.js";

/** Effects written in the GraphQL document: not Slack, and not the issue type (REST only, see execute.ts). */
export type GitHubEffect = Exclude<Effect, { type: "notify" | "remove-type" }>;

export interface MutationStep {
  alias: string;
  effect: GitHubEffect;
}

/** A mutation that is not an issue effect (the bugs board's Status), written in the same document. */
export interface ExtraMutation {
  field: string;
  inputType: string;
  input: Record<string, unknown>;
  /** For the write's log record. */
  issue: number;
  action: "board-status" | "status-comment";
  detail: string;
}

export interface MutationDocument {
  query: string;
  variables: Record<string, unknown>;
  steps: MutationStep[];
  /** The extra mutations by alias (`x0`, `x1`…). */
  extras: { alias: string; extra: ExtraMutation }[];
}

/** Reopen before relabelling, comment before closing: the order a person would do it in. */
const PHASE: Record<GitHubEffect["type"], number> = {
  reopen: 0,
  "remove-labels": 1,
  "add-labels": 2,
  "remove-assignees": 3,
  "add-assignees": 4,
  "set-milestone": 5,
  "remove-milestone": 5,
  comment: 6,
  react: 7,
  "convert-to-draft": 8,
  "mark-ready": 8,
  "repair-status": 10,
  close: 9,
  "close-pull-request": 9,
};

/** Labels and users that `writes` name but `ids` cannot resolve yet. */
export function missingIds(writes: readonly Effect[], ids: IdBook): { labels: string[]; users: string[] } {
  const labels = new Set<string>();
  const users = new Set<string>();
  for (const effect of writes) {
    if (effect.type === "add-labels" || effect.type === "remove-labels") {
      for (const label of effect.labels) if (!ids.label(label)) labels.add(label);
    }
    if (effect.type === "add-assignees" || effect.type === "remove-assignees") {
      for (const login of effect.logins) if (!ids.user(login)) users.add(login);
    }
  }
  return { labels: [...labels], users: [...users] };
}

/**
 * One document for all writes. Ids must be resolved first (`missingIds` empty); a label or user that
 * still has no id is left out of its mutation rather than failing the whole document.
 */
export function buildMutation(writes: readonly GitHubEffect[], ids: IdBook, extra: readonly ExtraMutation[] = []): MutationDocument {
  const steps = [...writes].sort((a, b) => PHASE[a.type] - PHASE[b.type]).map((effect, i) => ({ alias: `m${i}`, effect }));
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const kept: MutationStep[] = [];
  for (const step of steps) {
    const built = mutationOf(step.effect, ids);
    if (!built) continue;
    const name = `i${kept.length}`;
    declarations.push(`$${name}: ${built.inputType}!`);
    fields.push(`${step.alias}: ${built.field}(input: $${name}) { clientMutationId }`);
    variables[name] = built.input;
    kept.push(step);
  }
  const extras = extra.map((mutation, i) => {
    const alias = `x${i}`;
    declarations.push(`$${alias}: ${mutation.inputType}!`);
    fields.push(`${alias}: ${mutation.field}(input: $${alias}) { clientMutationId }`);
    variables[alias] = mutation.input;
    return { alias, extra: mutation };
  });
  const query = fields.length ? `mutation BugLifecycle(${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}` : "";
  return { query, variables, steps: kept, extras };
}

function mutationOf(effect: GitHubEffect, ids: IdBook): { field: string; inputType: string; input: Record<string, unknown> } | null {
  const subject = ids.issues.get(effect.issue);
  if (!subject && effect.type !== "react") return null;
  const labelIds = (names: string[]) => names.map((name) => ids.label(name)).filter(isString);
  const userIds = (logins: string[]) => logins.map((login) => ids.user(login)).filter(isString);
  const nonEmpty = (field: string, inputType: string, input: Record<string, unknown>, list: string[]) =>
    list.length ? { field, inputType, input } : null;
  switch (effect.type) {
    case "add-labels": {
      const list = labelIds(effect.labels);
      return nonEmpty("addLabelsToLabelable", "AddLabelsToLabelableInput", { labelableId: subject, labelIds: list }, list);
    }
    case "remove-labels": {
      const list = labelIds(effect.labels);
      return nonEmpty("removeLabelsFromLabelable", "RemoveLabelsFromLabelableInput", { labelableId: subject, labelIds: list }, list);
    }
    case "add-assignees": {
      const list = userIds(effect.logins);
      return nonEmpty("addAssigneesToAssignable", "AddAssigneesToAssignableInput", { assignableId: subject, assigneeIds: list }, list);
    }
    case "remove-assignees": {
      const list = userIds(effect.logins);
      return nonEmpty("removeAssigneesFromAssignable", "RemoveAssigneesFromAssignableInput", { assignableId: subject, assigneeIds: list }, list);
    }
    case "comment":
      return { field: "addComment", inputType: "AddCommentInput", input: { subjectId: subject, body: withMarker(effect.body, effect.key, effect.restore) } };
    case "react":
      return { field: "addReaction", inputType: "AddReactionInput", input: { subjectId: effect.commentNodeId, content: "THUMBS_UP" } };
    case "close":
      return {
        field: "closeIssue",
        inputType: "CloseIssueInput",
        input: { issueId: subject, stateReason: effect.reason === "completed" ? "COMPLETED" : "NOT_PLANNED" },
      };
    case "convert-to-draft":
      return { field: "convertPullRequestToDraft", inputType: "ConvertPullRequestToDraftInput", input: { pullRequestId: subject } };
    case "close-pull-request":
      return { field: "closePullRequest", inputType: "ClosePullRequestInput", input: { pullRequestId: subject } };
    case "reopen":
      return effect.pullRequest
        ? { field: "reopenPullRequest", inputType: "ReopenPullRequestInput", input: { pullRequestId: subject } }
        : { field: "reopenIssue", inputType: "ReopenIssueInput", input: { issueId: subject } };
    case "mark-ready":
      return { field: "markPullRequestReadyForReview", inputType: "MarkPullRequestReadyForReviewInput", input: { pullRequestId: subject } };
    case "repair-status":
      // Written by apply's status step (src/write/status-comment.ts), which takes it out of the plan.
      return null;
    case "remove-milestone":
      return { field: "updateIssue", inputType: "UpdateIssueInput", input: { id: subject, milestoneId: null } };
    case "set-milestone": {
      const earliest = ids.milestones?.[0];
      return earliest ? { field: "updateIssue", inputType: "UpdateIssueInput", input: { id: subject, milestoneId: earliest.id } } : null;
    }
  }
}

function isString(value: string | undefined): value is string {
  return typeof value === "string";
}
