//! Purpose: the GitHub double's facade: seeding, transports (fetch, HTTP), webhooks, faults, records, inspection.
import * as projects from "./projects.js";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { Auth } from "./auth.js";
import { dispatch, type DoubleRequest, type DoubleResponse, type RequestRecord } from "./dispatch.js";
import { Faults, type Fault, type FaultSpec } from "./faults.js";
import type { HookAttempt } from "./hook-log.js";
import { listen, type Listening } from "./http.js";
import { inspectCheckRuns, inspectIssue, inspectLabels, type IssueView } from "./inspect.js";
import { personEvents, type PayloadName, type PersonAction } from "./person.js";
import * as seed from "./seed.js";
import { Store, type StoreOptions } from "./store.js";
import { WebhookListeners, type WebhookListener } from "./webhook-listeners.js";
import type { Association, CheckRun, Delivery, Role, UserType } from "./types.js";

export type { WebhookListener };

export class GitHubDouble {
  readonly store: Store;
  /** Every request, in arrival order. */
  readonly requests: RequestRecord[] = [];
  /** Every webhook caused by writes through the API, in order. */
  readonly webhooks: Delivery[] = [];
  private readonly auth: Auth;
  private readonly faults = new Faults();
  private readonly listeners = new WebhookListeners();

  constructor(options: StoreOptions = {}) {
    this.store = new Store(options);
    this.auth = new Auth(this.store);
  }

  get appId(): number {
    return this.store.appId;
  }

  /** The app's bot login, e.g. `bug-lifecycle[bot]`. */
  get botLogin(): string {
    return this.store.botLogin;
  }

  // ── transports ──────────────────────────────────────────────────────────

  handle(request: DoubleRequest): Promise<DoubleResponse> {
    return dispatch(
      { store: this.store, auth: this.auth, faults: this.faults, records: this.requests, deliver: (d) => this.deliver(d) },
      request,
    );
  }

  /** A `fetch` for Octokit's `request: { fetch }`: api.github.com, or `/api/v3` + `/api/graphql` on any host. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.text();
    const answer = await this.handle({ method: request.method, url: request.url, headers, body });
    const empty = answer.status === 204 || answer.status === 304 || request.method === "HEAD";
    const response = new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  };

  /** Serves the double on 127.0.0.1 (port 0 picks a free one). */
  listen(port = 0): Promise<Listening> {
    return listen((request) => this.handle(request), port);
  }

  // ── auth ────────────────────────────────────────────────────────────────

  /** A fresh installation token (acts as the bot); defaults to the first installation. */
  installationToken(installationId?: number): string {
    const id = installationId ?? [...this.store.installations.keys()][0];
    if (id === undefined) throw new Error("no installation: add a repository first");
    return this.auth.installationToken(id).token;
  }

  /** Registers a personal token that acts as `login`. */
  addToken(token: string, login: string): void {
    this.auth.addToken(token, login);
  }

  // ── seeding ─────────────────────────────────────────────────────────────

  addUser(login: string, type?: UserType): { id: number; nodeId: string } {
    const user = this.store.user(login, type);
    return { id: user.id, nodeId: user.nodeId };
  }

  addInstallation(installation: { id?: number; account: string; repositories?: "all" | string[] }): number {
    return seed.addInstallation(this.store, installation);
  }

  addRepo(fullName: string, options?: seed.RepoSeed): { id: number; nodeId: string } {
    const repo = seed.addRepo(this.store, fullName, options);
    return { id: repo.id, nodeId: repo.nodeId };
  }

  /** Gives a person a role; `association` is what their `author_association` shows (default COLLABORATOR). */
  addCollaborator(fullName: string, login: string, role: Role, association?: Association): void {
    seed.setCollaborator(this.store, this.store.repo(fullName), login, role, association);
  }

  addLabel(fullName: string, name: string, color = "ededed", description: string | null = null): { id: number; nodeId: string } {
    const label = this.store.ensureLabel(this.store.repo(fullName), name, color, description);
    return { id: label.id, nodeId: label.nodeId };
  }

  addMilestone(fullName: string, milestone: Parameters<typeof seed.addMilestone>[2]): { number: number; nodeId: string } {
    const created = seed.addMilestone(this.store, this.store.repo(fullName), milestone);
    return { number: created.number, nodeId: created.nodeId };
  }

  addIssue(fullName: string, issue: seed.IssueSeed = {}): { number: number; nodeId: string } {
    const created = seed.addIssue(this.store, this.store.repo(fullName), issue);
    return { number: created.number, nodeId: created.nodeId };
  }

  addPull(fullName: string, pull: seed.PullSeed = {}): { number: number; nodeId: string } {
    const created = seed.addIssue(this.store, this.store.repo(fullName), pull, pull);
    return { number: created.number, nodeId: created.nodeId };
  }

  addComment(fullName: string, number: number, comment: seed.CommentSeed): { id: number; nodeId: string } {
    const repo = this.store.repo(fullName);
    const created = seed.addComment(this.store, repo, this.store.issue(repo, number), comment);
    return { id: created.id, nodeId: created.nodeId };
  }

  addEvent(fullName: string, number: number, event: seed.EventSeed): void {
    const repo = this.store.repo(fullName);
    seed.addEvent(this.store, repo, this.store.issue(repo, number), event);
  }

  addReview(fullName: string, number: number, review: seed.ReviewSeed): void {
    const repo = this.store.repo(fullName);
    seed.addReview(this.store, repo, this.store.issue(repo, number), review);
  }

  addCommit(fullName: string, number: number, commit: seed.CommitSeed): void {
    const repo = this.store.repo(fullName);
    seed.addCommit(this.store, repo, this.store.issue(repo, number), commit);
  }

  /** Sets (or, with null, deletes) a file on the default branch. */
  setFile(fullName: string, path: string, content: string | null): void {
    const files = this.store.repo(fullName).files;
    if (content === null) files.delete(path);
    else files.set(path, content);
  }

  // ── people and webhooks ─────────────────────────────────────────────────

  /**
   * Applies what a person did (comment, label, close, merge...) to the model and returns the webhook
   * GitHub sends for it, with `installation.id` set: pass it to `probot.receive(...)`.
   */
  payload<N extends PayloadName>(name: N, action: PersonAction): EmitterWebhookEvent<N> & Delivery {
    const { delivery, caused } = personEvents(this.store, name, action);
    this.causedBy.set(delivery, caused);
    return delivery as unknown as EmitterWebhookEvent<N> & Delivery;
  }

  /**
   * The other webhooks GitHub sends for what a person did, after its own: a merge's `issues.closed` for each
   * issue its body closes with a keyword. The caller sends them, in GitHub's order or any other.
   */
  caused(delivery: object): Delivery[] {
    return this.causedBy.get(delivery) ?? [];
  }

  private causedBy = new WeakMap<object, Delivery[]>();

  /** Listens to webhooks caused by API writes (`name` is the event, e.g. "issues"; `payload.action` the action). */
  onWebhook(listener: WebhookListener): () => void {
    return this.listeners.add(listener);
  }

  private deliver(deliveries: Delivery[]): void {
    for (const delivery of deliveries) {
      this.webhooks.push(delivery);
      this.listeners.deliver(delivery);
    }
  }

  /**
   * Waits until listeners' promises settle, including those started by webhooks they caused in turn.
   * Throws after `maxRounds` rounds: a webhook loop (e.g. the bot reacting to its own events).
   */
  settled(maxRounds = 50): Promise<void> {
    return this.listeners.settled(maxRounds);
  }

  // ── the app's webhook deliveries (GET /app/hook/deliveries) ─────────────

  /** Where `hookSend` and redeliveries POST deliveries: the app's webhook URL and secret. */
  hookTarget(url: string, secret: string): void {
    this.store.hookLog.target = { url, secret };
  }

  /** Delivers a webhook to the target over HTTP as GitHub does, recording the attempt (non-2xx or unreachable: failed). */
  hookSend(delivery: Delivery): Promise<HookAttempt> {
    return this.store.hookLog.send(delivery);
  }

  /** Records an attempt a test made itself (status 0: the app was unreachable). */
  hookRecord(delivery: Delivery, statusCode: number, options?: { at?: Date }): HookAttempt {
    return this.store.hookLog.record(delivery, statusCode, options);
  }

  /** Every attempt, oldest first. */
  get hookAttempts(): readonly HookAttempt[] {
    return this.store.hookLog.attempts;
  }

  // ── projects (v2) ───────────────────────────────────────────────────

  /** An organisation project with single-select fields, e.g. `{ org: "acme", number: 7, fields: { Status: [...] } }`. */
  addProject(seed: projects.ProjectSeed): { nodeId: string } {
    return projects.addProject(this.store, seed);
  }

  /** The project; throws when there is none (a test typo, not a GitHub answer). */
  project(org: string, number: number): projects.Project {
    const found = projects.findProject(this.store, org, number);
    if (!found) throw new Error(`no project ${org}/${number} in the double`);
    return found;
  }

  /** A person puts an issue on the board (no webhook is returned: the app ignores `created`); `at` backdates it. */
  addCard(org: string, number: number, fullName: string, issueNumber: number, actor: string, option?: string, at?: string): void {
    const project = this.project(org, number);
    const repo = this.store.findRepo(...(fullName.split("/") as [string, string]));
    const issue = repo?.issues.get(issueNumber);
    if (!repo || !issue) throw new Error(`no issue ${fullName}#${issueNumber}`);
    this.store.at(at, () => {
      const item = projects.addItem(this.store, project, repo, issue, actor, () => {});
      if (option !== undefined) projects.moveCard(this.store, project, item, "Status", option, actor);
    });
  }

  /**
   * A person drags a card to `option` in `field` (default Status): returns the `projects_v2_item.edited`
   * webhook it causes (none when the card was already there), to hand to the app. `at` backdates the move.
   */
  moveCard(org: string, number: number, fullName: string, issueNumber: number, option: string | null, actor: string, field = "Status", at?: string): Delivery[] {
    const project = this.project(org, number);
    const item = project.items.find((i) => i.repo.fullName === fullName && i.issue.number === issueNumber);
    if (!item) throw new Error(`${fullName}#${issueNumber} is not on ${org}/${number}`);
    return this.store.at(at, () => projects.moveCard(this.store, project, item, field, option, actor));
  }

  /** What the board shows: issue reference → option of `field` (null: no value), in board order. */
  board(org: string, number: number, field = "Status"): Map<string, string | null> {
    const project = this.project(org, number);
    return new Map(project.items.map((item) => [`${item.repo.fullName}#${item.issue.number}`, projects.itemOption(project, item, field)]));
  }

  // ── faults ──────────────────────────────────────────────────────────────

  /** Makes matching requests fail or slow down (default: once). */
  fault(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ── inspection ──────────────────────────────────────────────────────────

  issue(fullName: string, number: number): IssueView {
    return inspectIssue(this.store, fullName, number);
  }

  labels(fullName: string): Array<{ name: string; color: string; description: string | null }> {
    return inspectLabels(this.store, fullName);
  }

  checkRuns(fullName: string): CheckRun[] {
    return inspectCheckRuns(this.store, fullName);
  }

  /** Requests that changed data (REST writes and GraphQL documents with a mutation). */
  writes(): RequestRecord[] {
    return this.requests.filter((r) => r.write);
  }

  /** Forgets recorded requests and webhooks (the model stays). */
  resetRecords(): void {
    this.requests.length = 0;
    this.webhooks.length = 0;
  }
}
