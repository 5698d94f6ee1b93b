//! Purpose: the double's state: users, installations, repositories, node ids, the clock and lookups.
import { randomUUID } from "node:crypto";
import { HookLog } from "./hook-log.js";
import type {
  Association,
  Comment,
  Installation,
  Issue,
  IssueEvent,
  Label,
  Milestone,
  Repo,
  Review,
  Commit,
  User,
  UserType,
} from "./types.js";

export type NodeEntry =
  | { type: "Repository"; repo: Repo }
  | { type: "User" | "Bot" | "Organization"; user: User }
  | { type: "Issue" | "PullRequest"; repo: Repo; issue: Issue }
  | { type: "IssueComment"; repo: Repo; issue: Issue; comment: Comment }
  | { type: "Label"; repo: Repo; label: Label }
  | { type: "Milestone"; repo: Repo; milestone: Milestone }
  | { type: "Event"; repo: Repo; issue: Issue; event: IssueEvent }
  | { type: "PullRequestReview"; repo: Repo; issue: Issue; review: Review }
  | { type: "PullRequestCommit"; repo: Repo; issue: Issue; commit: Commit };

const PREFIX: Record<string, string> = {
  Repository: "R",
  User: "U",
  Bot: "BOT",
  Organization: "O",
  Issue: "I",
  PullRequest: "PR",
  IssueComment: "IC",
  Label: "LA",
  Milestone: "MI",
  Event: "EV",
  PullRequestReview: "PRR",
  PullRequestCommit: "PURC",
  Reaction: "REA",
  CheckRun: "CR",
};

/** Thrown by model operations; the transports turn it into GitHub's error shape. */
export class DoubleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** GraphQL error type (NOT_FOUND, FORBIDDEN, UNPROCESSABLE). */
    readonly type = status === 404 ? "NOT_FOUND" : status === 403 ? "FORBIDDEN" : "UNPROCESSABLE",
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface StoreOptions {
  appId?: number;
  appSlug?: string;
  appName?: string;
  /** The double's clock; defaults to the real one. Writes through the API are stamped with it. */
  now?: () => Date;
  /**
   * The app's permissions (as in app.yml's `default_permissions`). When set, installation tokens get
   * 403 "Resource not accessible by integration" outside them; when unset, everything is allowed.
   */
  permissions?: Partial<Record<string, "read" | "write">>;
}

export class Store {
  readonly appId: number;
  readonly appSlug: string;
  readonly appName: string;
  readonly botLogin: string;
  readonly permissions: Partial<Record<string, "read" | "write">> | undefined;
  readonly users = new Map<string, User>();
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, Installation>();
  readonly nodes = new Map<string, NodeEntry>();
  private nextId = 1000;
  private readonly clock: () => Date;
  /** The app's webhook deliveries and their attempts (`GET /app/hook/deliveries`). */
  readonly hookLog: HookLog;

  constructor(options: StoreOptions = {}) {
    this.appId = options.appId ?? 1;
    this.appSlug = options.appSlug ?? "bug-lifecycle";
    this.appName = options.appName ?? this.appSlug;
    this.botLogin = `${this.appSlug}[bot]`;
    this.permissions = options.permissions;
    this.clock = options.now ?? (() => new Date());
    this.hookLog = new HookLog(this.clock);
    this.user(this.botLogin, "Bot");
  }

  private frozen: string | undefined;

  /** Now as GitHub prints it (seconds precision, `Z`). */
  now(): string {
    return this.frozen ?? iso(this.clock());
  }

  /** Runs `fn` with the clock stopped at `time` (for actions that happened in the past). */
  at<T>(time: string | Date | undefined, fn: () => T): T {
    if (time === undefined) return fn();
    const previous = this.frozen;
    this.frozen = iso(time);
    try {
      return fn();
    } finally {
      this.frozen = previous;
    }
  }

  id(): number {
    return this.nextId++;
  }

  nodeId(type: string, id: number): string {
    const packed = Buffer.from(`0:${id}`).toString("base64url");
    return `${PREFIX[type] ?? type}_kwDO${packed}`;
  }

  register(nodeId: string, entry: NodeEntry): void {
    this.nodes.set(nodeId, entry);
  }

  deliveryId(): string {
    return randomUUID();
  }

  /** The user with this login, created (as a person unless the login ends in `[bot]`) on first sight. */
  user(login: string, type?: UserType): User {
    const key = login.toLowerCase();
    const existing = this.users.get(key);
    if (existing) {
      if (type && existing.type !== type) existing.type = type;
      return existing;
    }
    const resolved = type ?? (login.endsWith("[bot]") ? "Bot" : "User");
    const id = this.id();
    const user: User = { id, nodeId: this.nodeId(resolved, id), login, type: resolved };
    this.users.set(key, user);
    this.register(user.nodeId, { type: resolved, user });
    return user;
  }

  findUser(login: string): User | undefined {
    return this.users.get(login.toLowerCase());
  }

  repo(fullName: string): Repo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new DoubleError(404, "Not Found");
    return repo;
  }

  findRepo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  issue(repo: Repo, number: number): Issue {
    const issue = repo.issues.get(number);
    if (!issue) throw new DoubleError(404, "Not Found");
    return issue;
  }

  /** Labels match case-insensitively on GitHub. */
  findLabel(repo: Repo, name: string): Label | undefined {
    const wanted = name.toLowerCase();
    return repo.labels.find((l) => l.name.toLowerCase() === wanted);
  }

  /** The label, created with GitHub's default colour when missing (what adding an unknown label does). */
  ensureLabel(repo: Repo, name: string, color = "ededed", description: string | null = null): Label {
    const existing = this.findLabel(repo, name);
    if (existing) return existing;
    const id = this.id();
    const label: Label = { id, nodeId: this.nodeId("Label", id), name, color, description, default: false };
    repo.labels.push(label);
    this.register(label.nodeId, { type: "Label", repo, label });
    return label;
  }

  milestoneByNumber(repo: Repo, number: number): Milestone | undefined {
    return repo.milestones.find((m) => m.number === number);
  }

  /** The installation that covers a repository, if the app is installed there. */
  installationFor(repo: Repo): Installation | undefined {
    for (const installation of this.installations.values()) {
      if (installation.account.toLowerCase() !== repo.owner.toLowerCase()) continue;
      const selected = installation.repositories;
      if (selected === "all" || selected.some((name) => name.toLowerCase() === repo.fullName.toLowerCase())) {
        return installation;
      }
    }
    return undefined;
  }

  /** `author_association` of a person on a repository, as GitHub derives it. */
  association(repo: Repo, login: string): Association {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
    const collaborator = repo.collaborators.get(login.toLowerCase());
    if (collaborator) return collaborator.association;
    const user = this.findUser(login);
    if (user?.type === "Bot") return "NONE";
    const authored = [...repo.issues.values()].some((i) => i.pull?.merged && i.author.toLowerCase() === login.toLowerCase());
    return authored ? "CONTRIBUTOR" : "NONE";
  }

  /** Whether a person may be assigned: collaborators, the author and anyone who commented. */
  assignable(repo: Repo, issue: Issue, login: string): boolean {
    const key = login.toLowerCase();
    if (key === repo.owner.toLowerCase() || repo.collaborators.has(key)) return true;
    if (issue.author.toLowerCase() === key) return true;
    return issue.comments.some((c) => c.author.toLowerCase() === key);
  }
}

/** An ISO timestamp with seconds precision, like GitHub's. */
export function iso(date: Date | string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}
