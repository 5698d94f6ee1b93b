//! Purpose: apply planned writes to GitHub in one GraphQL request, log each failed one, and do nothing in dry run.
import type { Logger, ProbotOctokit } from "probot";
import type { Config } from "../lifecycle/config.js";
import type { Effect } from "../lifecycle/types.js";
import { directory } from "./directory.js";
import type { IdBook } from "./ids.js";
import type { TtlCache } from "./ttl-cache.js";
import { buildMutation, missingIds, type ExtraMutation, type GitHubEffect, type MutationStep } from "./mutations.js";
import type { RepoRef } from "./to-event.js";
import { oneLine } from "../lifecycle/rules.js";

export interface ExecuteContext {
  octokit: ProbotOctokit;
  repo: RepoRef;
  ids: IdBook;
  config: Config;
  dryRun: boolean;
  log: Logger;
  delivery: string;
  /** The runtime's directory cache (`caches.directory`). */
  directoryCache: TtlCache<string, IdBook>;
  notify?: ((text: string) => Promise<void>) | undefined;
  /** Posts to `SLACK_ESCALATION_WEBHOOK_URL` (notify effects on the `slack-escalation` channel). */
  escalate?: ((text: string) => Promise<void>) | undefined;
  /** Writes that are not issue effects (the board's Status), sent in the same document. */
  extra?: readonly ExtraMutation[] | undefined;
}

export interface WriteRecord {
  issue: number | null;
  action: Effect["type"] | "create-label" | "board-add" | "board-status" | "status-comment";
  detail: string;
  result: "ok" | "dry-run" | "skipped" | "failed";
  error?: string;
  /** A failed request's HTTP status and `retry-after`: the work queue retries 5xx and rate limits. */
  status?: number;
  retryAfter?: string;
  /** A comment's body or a Slack text, in full: a refused write's log line carries the reply it was. */
  text?: string;
}

const LABEL_COLOR = "ededed";

export async function execute(writes: readonly Effect[], ctx: ExecuteContext): Promise<WriteRecord[]> {
  const records: WriteRecord[] = [];
  const github = writes.filter((effect): effect is GitHubEffect => effect.type !== "notify" && effect.type !== "remove-type");
  if (github.length) records.push(...(await resolveIds(github, ctx)));
  if (github.length || ctx.extra?.length) records.push(...(await writeAll(github, ctx)));
  for (const effect of writes) if (effect.type === "remove-type") records.push(await removeType(effect.issue, ctx));
  for (const effect of writes) {
    if (effect.type !== "notify") continue;
    records.push(effect.channel === "slack-escalation" ? await notify(effect.text, { ...ctx, notify: ctx.escalate }, "SLACK_ESCALATION_WEBHOOK_URL") : await notify(effect.text, ctx));
  }
  // At info the caller logs one line per transition with `brief(records)`; a failure also gets its own line.
  for (const record of records) {
    const line = { delivery: ctx.delivery, repo: `${ctx.repo.owner}/${ctx.repo.name}`, ...record };
    // A refused Status write (an option deleted or recreated since it was read) is re-read and retried by the
    // caller, and reported as a `board problem` if it stays: a person's fix, not the bot's error.
    if (record.result === "failed" && record.action.startsWith("board-")) ctx.log.warn(line, "write failed");
    else if (record.result === "failed") ctx.log.error(line, "write failed");
    else ctx.log.debug(line, "write");
  }
  return records;
}

const BRIEF_WIDTH = 100;

/** The writes of a transition for its one log line: `add-labels #g-mdm`, with the result when it is not `ok`. */
export function brief(records: readonly WriteRecord[]): string[] {
  return records.map((record) => {
    const what = [record.action, record.issue === null ? "" : `#${record.issue}`, record.detail].filter(Boolean).join(" ");
    // The text on one line: a dry run says what it would post at the default level, not only the comment's key.
    const full = record.text === undefined ? what : `${what} ${JSON.stringify(oneLine(record.text, BRIEF_WIDTH))}`;
    return record.result === "ok" ? full : `${full}: ${record.result}${record.error ? ` (${record.error})` : ""}`;
  });
}

/** Fill ids from the cached directory; create labels the repository does not have yet (one extra write). */
async function resolveIds(writes: readonly Effect[], ctx: ExecuteContext): Promise<WriteRecord[]> {
  const needMilestone = writes.some((effect) => effect.type === "set-milestone");
  let missing = missingIds(writes, ctx.ids);
  if (!missing.labels.length && !missing.users.length && !needMilestone) return [];
  ctx.ids.merge(await directory(ctx.octokit, ctx.repo, ctx.config, ctx.directoryCache));
  missing = missingIds(writes, ctx.ids);
  if (missing.labels.length) {
    // A label created or renamed in the last minutes: read once more before creating it.
    ctx.ids.merge(await directory(ctx.octokit, ctx.repo, ctx.config, ctx.directoryCache, { refresh: true }));
    missing = missingIds(writes, ctx.ids);
  }
  const records: WriteRecord[] = [];
  const toCreate = missing.labels.filter((label) => writes.some((e) => e.type === "add-labels" && e.labels.includes(label)));
  if (toCreate.length) records.push(...(await createLabels(toCreate, ctx)));
  for (const login of missingIds(writes, ctx.ids).users) {
    records.push({ issue: null, action: "add-assignees", detail: login, result: "skipped", error: "no GitHub user with this login" });
  }
  return records;
}

async function createLabels(labels: string[], ctx: ExecuteContext): Promise<WriteRecord[]> {
  const records = labels.map((name): WriteRecord => ({ issue: null, action: "create-label", detail: name, result: "dry-run" }));
  if (ctx.dryRun) return records;
  const declarations = labels.map((_l, i) => `$c${i}: CreateLabelInput!`).join(", ");
  const fields = labels.map((_l, i) => `c${i}: createLabel(input: $c${i}) { label { id name } }`).join("\n  ");
  const variables = Object.fromEntries(
    labels.map((name, i) => [`c${i}`, { repositoryId: ctx.ids.repositoryId ?? ctx.repo.nodeId, name, color: LABEL_COLOR }]),
  );
  try {
    const data = await ctx.octokit.graphql<Record<string, { label: { id: string; name: string } | null } | null>>(
      `mutation CreateLabels(${declarations}) {\n  ${fields}\n}`,
      variables,
    );
    for (const created of Object.values(data)) if (created?.label) ctx.ids.addLabel(created.label.name, created.label.id);
    return records.map((record) => ({ ...record, result: "ok" }));
  } catch (error) {
    return records.map((record) => ({ ...record, result: "failed", error: describe(error) }));
  }
}

async function writeAll(writes: readonly GitHubEffect[], ctx: ExecuteContext): Promise<WriteRecord[]> {
  const document = buildMutation(writes, ctx.ids, ctx.extra);
  const records = (status: WriteRecord["result"], failed = new Map<string, string>()) => [
    ...document.steps.map((step) => recordOf(step, failed.has(step.alias) ? "failed" : status, failed.get(step.alias))),
    ...document.extras.map(({ alias, extra }): WriteRecord => {
      const error = failed.get(alias);
      return { issue: extra.issue, action: extra.action, detail: extra.detail, result: error === undefined ? status : "failed", ...(error !== undefined && { error }) };
    }),
  ];
  if (!document.steps.length && !document.extras.length) return [];
  if (ctx.dryRun) return records("dry-run");
  try {
    await ctx.octokit.graphql(document.query, document.variables);
    return records("ok");
  } catch (error) {
    // GitHub runs the mutations it can and reports the others by alias; anything else failed them all.
    const errors = (error as { errors?: { path?: (string | number)[]; message: string }[] }).errors;
    const byAlias = new Map<string, string>();
    for (const item of errors ?? []) if (typeof item.path?.[0] === "string") byAlias.set(item.path[0], item.message);
    if (!byAlias.size) {
      const failed = records("failed", new Map([...document.steps, ...document.extras].map((step) => [step.alias, describe(error)])));
      return failed.map((record) => ({ ...record, ...httpOf(error) }));
    }
    return records("ok", byAlias);
  }
}

function recordOf(step: MutationStep, result: WriteRecord["result"], error?: string): WriteRecord {
  const effect = step.effect;
  const detail =
    effect.type === "add-labels" || effect.type === "remove-labels"
      ? effect.labels.join(", ")
      : effect.type === "add-assignees" || effect.type === "remove-assignees"
        ? effect.logins.join(", ")
        : effect.type === "comment"
          ? effect.key
          : effect.type === "close"
            ? effect.reason
            : "";
  const text = effect.type === "comment" ? effect.body : undefined;
  return { issue: effect.issue, action: effect.type, detail, result, ...(error !== undefined && { error }), ...(text !== undefined && { text }) };
}

/**
 * `@octokit/graphql-schema` 15.26.1 has no issue-type field or mutation, so the type is cleared over REST
 * (`PATCH /repos/{owner}/{repo}/issues/{issue_number}` with `type: null`, as `@octokit/openapi` describes it),
 * after the document: `/not-a-bug` on a bug by type costs one request more.
 */
async function removeType(issue: number, ctx: ExecuteContext): Promise<WriteRecord> {
  const record: WriteRecord = { issue, action: "remove-type", detail: ctx.config.bugType ?? "", result: "dry-run" };
  if (ctx.dryRun) return record;
  try {
    await ctx.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: ctx.repo.owner, repo: ctx.repo.name, issue_number: issue, type: null });
    return { ...record, result: "ok" };
  } catch (error) {
    return { ...record, result: "failed", error: describe(error), ...httpOf(error) };
  }
}

async function notify(text: string, ctx: ExecuteContext, variable = "SLACK_WEBHOOK_URL"): Promise<WriteRecord> {
  const record: WriteRecord = { issue: null, action: "notify", detail: variable === "SLACK_WEBHOOK_URL" ? "slack" : "slack-escalation", result: "skipped", text };
  if (!ctx.notify) return { ...record, error: `${variable} is not set` };
  if (ctx.dryRun) return { ...record, result: "dry-run" };
  try {
    await ctx.notify(text);
    return { ...record, result: "ok" };
  } catch (error) {
    return { ...record, result: "failed", error: describe(error) };
  }
}

function httpOf(error: unknown): Pick<WriteRecord, "status" | "retryAfter"> {
  const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
  const retryAfter = response?.headers?.["retry-after"];
  return { ...(typeof status === "number" && { status }), ...(retryAfter !== undefined && { retryAfter: String(retryAfter) }) };
}

function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  return status ? `${status}: ${message}` : message;
}
