//! Purpose: REST handlers for repository data: the repo, its labels, milestones, files and permissions.
import { input, noContent, ok, paginate, repoOf, type Handler, type RestCtx } from "./rest-context.js";
import { API, WEB, labelJson, milestoneJson, repoJson, userJson } from "./rest-shapes.js";
import { sha } from "./seed.js";
import { DoubleError } from "./store.js";
import type { Repo, Role } from "./types.js";
import { milestoneDelivery } from "./webhooks.js";

const getRepo: Handler = (ctx) => ok(repoJson(ctx.store, repoOf(ctx)));

const listLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  return paginate(ctx, repo.labels.map((l) => labelJson(repo, l)));
};

const getLabel: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const label = ctx.store.findLabel(repo, ctx.params.name ?? "");
  if (!label) throw new DoubleError(404, "Not Found");
  return ok(labelJson(repo, label));
};

function checkColor(color: unknown): string | undefined {
  if (color === undefined) return undefined;
  const value = String(color).replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(value)) {
    throw new DoubleError(422, "Validation Failed", "UNPROCESSABLE", {
      errors: [{ resource: "Label", code: "invalid", field: "color" }],
    });
  }
  return value.toLowerCase();
}

const createLabel: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const body = input(ctx);
  const name = String(body.name);
  if (ctx.store.findLabel(repo, name)) {
    throw new DoubleError(422, "Validation Failed", "UNPROCESSABLE", {
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
    });
  }
  const color = checkColor(body.color) ?? "ededed";
  const label = ctx.store.ensureLabel(repo, name, color, typeof body.description === "string" ? body.description : null);
  return ok(labelJson(repo, label), 201);
};

const updateLabel: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const label = ctx.store.findLabel(repo, ctx.params.name ?? "");
  if (!label) throw new DoubleError(404, "Not Found");
  const body = input(ctx);
  const color = checkColor(body.color);
  if (color) label.color = color;
  if (typeof body.description === "string") label.description = body.description;
  if (typeof body.new_name === "string" && body.new_name !== label.name) {
    for (const issue of repo.issues.values()) {
      issue.labels = issue.labels.map((l) => (l.toLowerCase() === label.name.toLowerCase() ? String(body.new_name) : l));
    }
    label.name = body.new_name;
  }
  return ok(labelJson(repo, label));
};

const deleteLabel: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const label = ctx.store.findLabel(repo, ctx.params.name ?? "");
  if (!label) throw new DoubleError(404, "Not Found");
  repo.labels = repo.labels.filter((l) => l !== label);
  for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((l) => l.toLowerCase() !== label.name.toLowerCase());
  return noContent();
};

const listMilestones: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const sort = ctx.query.get("sort") ?? "due_on";
  const direction = ctx.query.get("direction") ?? "asc";
  const key = (m: Repo["milestones"][number]) =>
    sort === "completeness" ? String(m.number) : (m.dueOn ?? "9999-12-31T00:00:00Z") + String(m.number).padStart(8, "0");
  const list = repo.milestones.filter((m) => state === "all" || m.state === state).sort((a, b) => (key(a) < key(b) ? -1 : 1));
  if (direction === "desc") list.reverse();
  return paginate(ctx, list.map((m) => milestoneJson(ctx.store, repo, m)));
};

const getMilestone: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const milestone = ctx.store.milestoneByNumber(repo, Number(ctx.params.milestone_number));
  if (!milestone) throw new DoubleError(404, "Not Found");
  return ok(milestoneJson(ctx.store, repo, milestone));
};

const updateMilestone: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const milestone = ctx.store.milestoneByNumber(repo, Number(ctx.params.milestone_number));
  if (!milestone) throw new DoubleError(404, "Not Found");
  const body = input(ctx);
  const now = ctx.store.now();
  if (typeof body.title === "string") milestone.title = body.title;
  if (typeof body.description === "string") milestone.description = body.description;
  if (typeof body.due_on === "string") milestone.dueOn = body.due_on;
  if ((body.state === "open" || body.state === "closed") && body.state !== milestone.state) {
    milestone.state = body.state;
    milestone.closedAt = body.state === "closed" ? now : null;
    ctx.emit(milestoneDelivery(ctx.store, repo, milestone, body.state === "closed" ? "closed" : "opened", ctx.actor));
  }
  milestone.updatedAt = now;
  return ok(milestoneJson(ctx.store, repo, milestone));
};

/** Files at a ref: the default branch, or a PR's head (its changed files over the default branch). */
function fileAt(repo: Repo, path: string, ref: string | null): string | undefined {
  if (ref && ref !== repo.defaultBranch) {
    for (const issue of repo.issues.values()) {
      const pull = issue.pull;
      if (!pull || (pull.head.sha !== ref && pull.head.ref !== ref)) continue;
      if (pull.files.has(path)) return pull.files.get(path) ?? undefined;
    }
  }
  return repo.files.get(path);
}

const getContent: Handler = (ctx: RestCtx) => {
  const repo = repoOf(ctx);
  const path = (ctx.params.path ?? "").replace(/^\/+/, "");
  const text = fileAt(repo, path, ctx.query.get("ref"));
  if (text === undefined) throw new DoubleError(404, "Not Found");
  if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.headers.accept ?? "")) {
    return { status: 200, raw: { text, contentType: "text/plain; charset=utf-8" } };
  }
  const url = `${API}/repos/${repo.fullName}/contents/${path}`;
  const blob = sha(text);
  const html = `${WEB}/${repo.fullName}/blob/${repo.defaultBranch}/${path}`;
  const git = `${API}/repos/${repo.fullName}/git/blobs/${blob}`;
  return ok({
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: path.split("/").pop(),
    path,
    content: Buffer.from(text).toString("base64"),
    sha: blob,
    url,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${repo.fullName}/${repo.defaultBranch}/${path}`,
    _links: { self: url, git, html },
  });
};

const PERMISSION: Record<Role, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };

const getPermission: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const login = ctx.params.username ?? "";
  const user = ctx.store.findUser(login);
  if (!user) throw new DoubleError(404, `${login} is not a user`);
  const isOwner = login.toLowerCase() === repo.owner.toLowerCase();
  const role: Role | undefined = isOwner ? "admin" : repo.collaborators.get(login.toLowerCase())?.role;
  if (!role && repo.nonCollaborators === "not-found") throw new DoubleError(404, "Not Found");
  const effective = role ?? "read";
  return ok({
    permission: PERMISSION[effective],
    role_name: effective,
    user: { ...userJson(user), permissions: permissionsOf(effective), role_name: effective },
  });
};

/** GitHub lists direct and organisation collaborators (`affiliation=all`), each with their permissions. */
const listCollaborators: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const people = [...repo.collaborators.entries()].map(([login, { role }]) => ({
    ...userJson(ctx.store.user(login)),
    permissions: permissionsOf(role),
    role_name: role,
  }));
  return paginate(ctx, people);
};

function permissionsOf(role: Role): Record<string, boolean> {
  const rank = ["read", "triage", "write", "maintain", "admin"].indexOf(role);
  return { pull: rank >= 0, triage: rank >= 1, push: rank >= 2, maintain: rank >= 3, admin: rank >= 4 };
}

export const repoRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}": getRepo,
  "GET /repos/{owner}/{repo}/labels": listLabels,
  "POST /repos/{owner}/{repo}/labels": createLabel,
  "GET /repos/{owner}/{repo}/labels/{name}": getLabel,
  "PATCH /repos/{owner}/{repo}/labels/{name}": updateLabel,
  "DELETE /repos/{owner}/{repo}/labels/{name}": deleteLabel,
  "GET /repos/{owner}/{repo}/milestones": listMilestones,
  "GET /repos/{owner}/{repo}/milestones/{milestone_number}": getMilestone,
  "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}": updateMilestone,
  "GET /repos/{owner}/{repo}/contents/{path}": getContent,
  "GET /repos/{owner}/{repo}/collaborators": listCollaborators,
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": getPermission,
};
