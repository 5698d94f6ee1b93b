//! Purpose: REST handlers for pull requests (get, list, update, reviews, commits, files) and check runs.
import { input, issueOf, ok, paginate, repoOf, writeCtx, type Handler } from "./rest-context.js";
import { checkRunJson, commitJson, pullJson, requestedJson, reviewJson } from "./rest-shapes-pull.js";
import { requestedReviewerOf } from "./seed.js";
import { API, WEB } from "./rest-shapes.js";
import { sha } from "./seed.js";
import { DoubleError } from "./store.js";
import type { CheckRun, Issue } from "./types.js";
import * as writes from "./writes.js";

const getPull: Handler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(pullJson(ctx.store, repo, issueOf(ctx, repo)));
};

const listPulls: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  const sort = ctx.query.get("sort") ?? "created";
  const key = (i: Issue) => (sort === "updated" ? i.updatedAt : i.createdAt);
  const list = [...repo.issues.values()]
    .filter((i) => i.pull && (state === "all" || i.state === state))
    .filter((i) => !head || `${repo.owner}:${i.pull?.head.ref}` === head || i.pull?.head.ref === head)
    .filter((i) => !base || i.pull?.base.ref === base)
    .sort((a, b) => (key(a) === key(b) ? a.number - b.number : key(a) < key(b) ? -1 : 1));
  if ((ctx.query.get("direction") ?? "desc") === "desc") list.reverse();
  return paginate(ctx, list.map((i) => pullJson(ctx.store, repo, i)));
};

const updatePull: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const body = input(ctx);
  const w = writeCtx(ctx, repo);
  const change: { title?: string; body?: string } = {};
  if (typeof body.title === "string") change.title = body.title;
  if (typeof body.body === "string") change.body = body.body;
  writes.edit(w, issue, change);
  if (typeof body.base === "string" && issue.pull) issue.pull.base.ref = body.base;
  if (body.state === "closed") writes.close(w, issue, null);
  if (body.state === "open") writes.reopen(w, issue);
  return ok(pullJson(ctx.store, repo, issue));
};

const listReviews: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  return paginate(ctx, (issue.pull?.reviews ?? []).map((r) => reviewJson(ctx.store, repo, issue, r)));
};

const listRequestedReviewers: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const pull = issueOf(ctx, repo).pull;
  if (!pull) throw new DoubleError(404, "Not Found");
  return ok({ users: requestedJson(ctx.store, pull.reviewRequests).requested_reviewers, teams: requestedJson(ctx.store, pull.reviewRequests).requested_teams });
};

/** `reviewers` are logins, `team_reviewers` slugs of the repository owner's teams. */
const requestReviewers: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const body = input(ctx);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const wanted = [
    ...list(body.reviewers).map((login) => requestedReviewerOf(login)),
    ...list(body.team_reviewers).map((slug) => requestedReviewerOf(`${repo.owner}/${slug}`)),
  ];
  writes.requestReviews(writeCtx(ctx, repo), issue, wanted);
  return ok(pullJson(ctx.store, repo, issue), 201);
};

const listCommits: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const commits = issueOf(ctx, repo).pull?.commits ?? [];
  return paginate(ctx, commits.map((c, i) => commitJson(ctx.store, repo, c, commits[i - 1]?.sha)));
};

const listFiles: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const pull = issueOf(ctx, repo).pull;
  const files = [...(pull?.files ?? new Map<string, string | null>()).entries()].map(([filename, content]) => {
    const status = content === null ? "removed" : repo.files.has(filename) ? "modified" : "added";
    const blob = sha(content ?? filename);
    return {
      sha: blob,
      filename,
      status,
      additions: content === null ? 0 : content.split("\n").length,
      deletions: 0,
      changes: content === null ? 0 : content.split("\n").length,
      blob_url: `${WEB}/${repo.fullName}/blob/${pull?.head.sha}/${filename}`,
      raw_url: `${WEB}/${repo.fullName}/raw/${pull?.head.sha}/${filename}`,
      contents_url: `${API}/repos/${repo.fullName}/contents/${filename}?ref=${pull?.head.sha}`,
    };
  });
  return paginate(ctx, files);
};

function requireApp(kind: string): void {
  if (kind !== "installation") throw new DoubleError(403, "You must authenticate via a GitHub App.");
}

const createCheckRun: Handler = (ctx) => {
  requireApp(ctx.principal.kind);
  const repo = repoOf(ctx);
  const body = input(ctx);
  const now = ctx.store.now();
  const id = ctx.store.id();
  const status = typeof body.status === "string" ? body.status : body.conclusion ? "completed" : "queued";
  const output = (body.output ?? {}) as Record<string, unknown>;
  const run: CheckRun = {
    id,
    nodeId: ctx.store.nodeId("CheckRun", id),
    name: String(body.name),
    headSha: String(body.head_sha),
    status,
    conclusion: typeof body.conclusion === "string" ? body.conclusion : null,
    startedAt: typeof body.started_at === "string" ? body.started_at : now,
    completedAt: status === "completed" ? (typeof body.completed_at === "string" ? body.completed_at : now) : null,
    detailsUrl: typeof body.details_url === "string" ? body.details_url : null,
    externalId: typeof body.external_id === "string" ? body.external_id : null,
    output: {
      title: typeof output.title === "string" ? output.title : null,
      summary: typeof output.summary === "string" ? output.summary : null,
      text: typeof output.text === "string" ? output.text : null,
      annotations: Array.isArray(output.annotations) ? output.annotations : [],
    },
  };
  if (status === "completed" && !run.conclusion) {
    throw new DoubleError(422, "Invalid request.\n\n\"conclusion\" wasn't supplied.");
  }
  repo.checkRuns.push(run);
  return ok(checkRunJson(ctx.store, repo, run), 201);
};

const updateCheckRun: Handler = (ctx) => {
  requireApp(ctx.principal.kind);
  const repo = repoOf(ctx);
  const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw new DoubleError(404, "Not Found");
  const body = input(ctx);
  if (typeof body.name === "string") run.name = body.name;
  if (typeof body.conclusion === "string") {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (typeof body.status === "string") run.status = body.status;
  if (run.status === "completed" && !run.completedAt) run.completedAt = ctx.store.now();
  const output = body.output as Record<string, unknown> | undefined;
  if (output) {
    if (typeof output.title === "string") run.output.title = output.title;
    if (typeof output.summary === "string") run.output.summary = output.summary;
    if (typeof output.text === "string") run.output.text = output.text;
    if (Array.isArray(output.annotations)) run.output.annotations.push(...output.annotations);
  }
  return ok(checkRunJson(ctx.store, repo, run));
};

const getCheckRun: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw new DoubleError(404, "Not Found");
  return ok(checkRunJson(ctx.store, repo, run));
};

const listCheckRunsForRef: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const name = ctx.query.get("check_name");
  const runs = repo.checkRuns.filter((r) => r.headSha === ctx.params.ref && (!name || r.name === name));
  return ok({ total_count: runs.length, check_runs: runs.map((r) => checkRunJson(ctx.store, repo, r)) });
};

export const pullRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/pulls": listPulls,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": getPull,
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": updatePull,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": listReviews,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": listCommits,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": listRequestedReviewers,
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": requestReviewers,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": listFiles,
  "POST /repos/{owner}/{repo}/check-runs": createCheckRun,
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": getCheckRun,
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": updateCheckRun,
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": listCheckRunsForRef,
};
