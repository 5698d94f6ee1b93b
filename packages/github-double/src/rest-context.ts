//! Purpose: what a REST handler gets and returns, plus the helpers they share (lookups, pagination).
import type { Auth, Principal } from "./auth.js";
import { DoubleError, type Store } from "./store.js";
import type { Delivery, Issue, Repo } from "./types.js";
import type { WriteCtx } from "./writes.js";

export interface RestCtx {
  store: Store;
  auth: Auth;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
  principal: Principal;
  /** The login the caller acts as. */
  actor: string;
  /** The request URL as the client sent it (pagination links point back to the same host). */
  url: URL;
  emit: (delivery: Delivery) => void;
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (e.g. raw file contents). */
  raw?: { text: string; contentType: string };
}

export type Handler = (ctx: RestCtx) => RestResult;

export function ok(body: unknown, status = 200, headers?: Record<string, string>): RestResult {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): RestResult {
  return { status: 204 };
}

/** The body as an object (validation already checked its shape against GitHub's schema). */
export function input(ctx: RestCtx): Record<string, unknown> {
  return ctx.body && typeof ctx.body === "object" && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
}

export function repoOf(ctx: RestCtx): Repo {
  const repo = ctx.store.findRepo(ctx.params.owner ?? "", ctx.params.repo ?? "");
  if (!repo) throw new DoubleError(404, "Not Found");
  ctx.auth.checkRepoAccess(ctx.principal, repo, !["GET", "HEAD"].includes(ctx.method));
  return repo;
}

/** The issue or PR named by `{issue_number}` or `{pull_number}` (PR routes 404 on plain issues). */
export function issueOf(ctx: RestCtx, repo: Repo = repoOf(ctx)): Issue {
  const pullNumber = ctx.params.pull_number;
  const number = Number(pullNumber ?? ctx.params.issue_number);
  const issue = repo.issues.get(number);
  if (!issue || (pullNumber !== undefined && !issue.pull)) throw new DoubleError(404, "Not Found");
  return issue;
}

export function writeCtx(ctx: RestCtx, repo: Repo): WriteCtx {
  return { store: ctx.store, repo, actor: ctx.actor, emit: ctx.emit };
}

/** Pages a list like GitHub: `per_page` (default 30, max 100), `page`, and a `link` header. */
export function paginate(ctx: RestCtx, items: unknown[]): RestResult {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number) => {
    const url = new URL(ctx.url);
    url.searchParams.set("page", String(n));
    return url.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
  return rels.length > 0 ? ok(slice, 200, { link: rels.join(", ") }) : ok(slice);
}

export function since(ctx: RestCtx): string | undefined {
  const value = ctx.query.get("since");
  return value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z") : undefined;
}

export function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === "string" ? v : typeof v === "object" && v && "name" in v ? String(v.name) : String(v)));
}
