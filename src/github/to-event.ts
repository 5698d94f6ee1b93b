//! Purpose: webhook payload → (issue snapshot, event, node ids), validated: a malformed payload is rejected, not half-read.
import type {
  IssueCommentCreatedEvent,
  IssueCommentEditedEvent,
  IssueCommentEvent,
  IssuesClosedEvent,
  IssuesEvent,
  IssuesLabeledEvent,
  IssuesOpenedEvent,
  IssuesReopenedEvent,
  IssuesUnlabeledEvent,
} from "@octokit/webhooks-types";
import type { components as WebhookSchemas } from "@octokit/openapi-webhooks-types";
import { z } from "zod";
import type { Actor, BugEvent, IssueSnapshot } from "../lifecycle/types.js";
import { IdBook } from "./ids.js";
import type { RepoName } from "./repo-name.js";
import { documented, type Reads } from "./payload-types.js";

const user = z.object({ login: z.string(), type: z.string().optional(), node_id: z.string().optional() });
const label = z.object({ name: z.string(), node_id: z.string().optional() });
/** An issue type (`@octokit/openapi`'s `issue-type`): only its name is read. */
const issueType = z.object({ name: z.string() });

export const issuePayload = z.object({
  number: z.number().int().positive(),
  node_id: z.string(),
  title: z.string().optional(),
  html_url: z.string().optional(),
  state: z.enum(["open", "closed"]),
  user: user,
  labels: z.array(label).default([]),
  /** Issue types (docs/issue-types.md): absent where the repository has none, null when the issue has none. */
  type: issueType.nullish(),
  assignees: z.array(user).nullish(),
  milestone: z.object({ number: z.number(), title: z.string(), node_id: z.string().optional() }).nullish(),
  pull_request: z.unknown().optional(),
  /** Identifies a label edit (`BugEvent.at`), so a replay is recognised. */
  updated_at: z.string().optional(),
});

export const repositoryPayload = z.object({
  node_id: z.string(),
  name: z.string(),
  owner: z.object({ login: z.string() }),
});

const base = z.object({
  repository: repositoryPayload,
  sender: user,
  installation: z.object({ id: z.number() }).optional(),
});


const issuesPayload = base.extend({
  action: z.string(),
  issue: issuePayload,
  label: label.optional(),
  /** `issues.typed` / `untyped`: the type set or removed. */
  type: issueType.nullish(),
});


const commentPayload = base.extend({
  action: z.enum(["created", "edited"]),
  issue: issuePayload,
  comment: z.object({ id: z.number(), node_id: z.string(), body: z.string().nullable(), user, updated_at: z.string().optional() }),
  changes: z.object({ body: z.object({ from: z.string().nullable() }).optional() }).optional(),
});

const ISSUE_ACTIONS = new Set(["opened", "reopened", "labeled", "unlabeled", "closed", "typed", "untyped"]);

/** The `issues` actions the core acts on, as GitHub documents their payloads. */
export type ActedOnIssuesEvent = IssuesOpenedEvent | IssuesReopenedEvent | IssuesClosedEvent | IssuesLabeledEvent | IssuesUnlabeledEvent;
/**
 * `issues.typed` / `untyped`: `@octokit/webhooks-types` 7.6.1 predates issue types, so these are checked against
 * the types generated from GitHub's OpenAPI webhooks description.
 */
export type TypedIssuesEvent = WebhookSchemas["schemas"]["webhook-issues-typed"] | WebhookSchemas["schemas"]["webhook-issues-untyped"];
/** The `issue_comment` actions the core acts on. */
export type ActedOnCommentEvent = IssueCommentCreatedEvent | IssueCommentEditedEvent;

// Zod checks at run time what is read; these check at compile time that it is what GitHub documents.
documented<Reads<typeof issuesPayload, ActedOnIssuesEvent>>();
// The openapi types allow a null `issue.user` and null assignees where `@octokit/webhooks-types` does not; the rest
// of the issue is the one every `issues` action carries, so only what typing adds is checked against them.
documented<Reads<z.ZodObject<{ type: typeof issuesPayload.shape.type; issue: z.ZodObject<{ type: typeof issuePayload.shape.type }> }>, TypedIssuesEvent>>();
documented<Reads<typeof commentPayload, ActedOnCommentEvent>>();

/** A delivery the issue handler reads: the payload typed as GitHub documents it, checked with zod all the same. */
export type IssueWebhook = { name: "issues"; payload: IssuesEvent | TypedIssuesEvent } | { name: "issue_comment"; payload: IssueCommentEvent };

/** A repository by name and by node id (GraphQL mutations name it by id). */
export interface RepoRef extends RepoName {
  nodeId: string;
}

export interface Derived {
  repo: RepoRef;
  issue: IssueSnapshot;
  event: BugEvent;
  ids: IdBook;
}

export type ToEventResult = { ok: true; derived: Derived } | { ok: false; reason: string } | { ok: true; derived: null };

export function isBotUser(u: { login: string; type?: string | undefined }): boolean {
  return u.type === "Bot" || u.login.endsWith("[bot]");
}

/** Everything `issues.*` and `issue_comment.created` tell us; `derived: null` means an event we do not act on. */
export function toEvent({ name, payload }: IssueWebhook): ToEventResult {
  if (name === "issue_comment") {
    // Typed as documented, yet it came from outside: nothing is read before zod has checked it.
    const commentAction = (payload as { action?: unknown } | null)?.action;
    if (commentAction !== "created" && commentAction !== "edited") return { ok: true, derived: null };
    const parsed = commentPayload.safeParse(payload);
    if (!parsed.success) return malformed(parsed.error);
    const { comment, changes } = parsed.data;
    // An edit that left the body alone cannot add a command.
    if (parsed.data.action === "edited" && !changes?.body) return { ok: true, derived: null };
    const edit = parsed.data.action === "edited" ? { previousBody: changes?.body?.from ?? "", ...(comment.updated_at && { editedAt: comment.updated_at }) } : {};
    const event: BugEvent = {
      kind: "commented",
      comment: { id: comment.id, nodeId: comment.node_id, body: comment.body ?? "", ...edit },
      actor: actorOf(comment.user),
    };
    return { ok: true, derived: derive(parsed.data, event) };
  }
  // Only the actions we act on are read: an action we ignore must not fail on a shape we never use.
  const action = (payload as { action?: unknown } | null)?.action;
  if (!ISSUE_ACTIONS.has(String(action))) return { ok: true, derived: null };
  const parsed = issuesPayload.safeParse(payload);
  if (!parsed.success) return malformed(parsed.error);
  const data = parsed.data;
  const actor = actorOf(data.sender);
  const at = data.issue.updated_at ?? "";
  let event: BugEvent | null = null;
  switch (data.action) {
    case "opened":
      event = { kind: "opened", actor };
      break;
    case "reopened":
      event = { kind: "reopened", actor };
      break;
    case "closed":
      event = { kind: "closed", actor };
      break;
    case "labeled":
    case "unlabeled":
      if (!data.label) return { ok: false, reason: `issues.${data.action} without a label` };
      event = { kind: data.action, label: data.label.name, actor, at };
      break;
    case "typed":
    case "untyped":
      if (!data.type) return { ok: false, reason: `issues.${data.action} without a type` };
      event = { kind: data.action, type: data.type.name, actor, at };
      break;
  }
  return { ok: true, derived: event ? derive(data, event) : null };
}

function derive(data: z.infer<typeof issuesPayload> | z.infer<typeof commentPayload>, event: BugEvent): Derived {
  const { issue, repository } = data;
  const ids = new IdBook();
  ids.issues.set(issue.number, issue.node_id);
  for (const l of issue.labels) ids.addLabel(l.name, l.node_id);
  if ("label" in data && data.label) ids.addLabel(data.label.name, data.label.node_id);
  for (const a of issue.assignees ?? []) ids.addUser(a.login, a.node_id);
  ids.addUser(issue.user.login, issue.user.node_id);
  ids.addUser(data.sender.login, data.sender.node_id);
  ids.repositoryId = repository.node_id;
  const snapshot: IssueSnapshot = {
    number: issue.number,
    ...(issue.title !== undefined && { title: issue.title }),
    ...(issue.html_url !== undefined && { url: issue.html_url }),
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    open: issue.state === "open",
    author: issue.user.login,
    labels: issue.labels.map((l) => l.name),
    // A payload without `type` (a repository without issue types, an older GitHub) says: none.
    type: issue.type?.name ?? null,
    assignees: (issue.assignees ?? []).map((a) => a.login),
    milestone: issue.milestone ? { number: issue.milestone.number, title: issue.milestone.title } : null,
  };
  return { repo: { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id }, issue: snapshot, event, ids };
}

function actorOf(u: z.infer<typeof user>): Actor {
  return { login: u.login, isBot: isBotUser(u), isMaintainer: false };
}

function malformed(error: z.ZodError): { ok: false; reason: string } {
  const first = error.issues[0];
  return { ok: false, reason: `malformed payload: ${first ? `${first.path.join(".")}: ${first.message}` : "invalid"}` };
}
