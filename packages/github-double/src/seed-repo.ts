//! Purpose: seeding the model's places: repositories, the app's installations, collaborators, milestones.
import type { RepoSeed } from "./seed-types.js";
import type { Store } from "./store.js";
import type { Association, IssueType, Milestone, Repo, Role } from "./types.js";

/** The types GitHub gives every organisation. */
export const DEFAULT_ISSUE_TYPES = ["Task", "Bug", "Feature"];

/** The repository's type of that name (case-insensitive, like GitHub), else undefined. */
export function findIssueType(repo: Repo, name: string): IssueType | undefined {
  return repo.issueTypes.find((type) => type.isEnabled && type.name.toLowerCase() === name.toLowerCase());
}

export function addRepo(store: Store, fullName: string, seed: RepoSeed = {}): Repo {
  const [owner, name] = fullName.split("/");
  if (!owner || !name) throw new Error(`repository must be "owner/name", got "${fullName}"`);
  store.user(owner);
  const id = store.id();
  const repo: Repo = {
    id,
    nodeId: store.nodeId("Repository", id),
    owner,
    name,
    fullName,
    private: seed.private ?? false,
    defaultBranch: seed.defaultBranch ?? "main",
    description: seed.description ?? null,
    createdAt: seed.createdAt ?? "2020-01-01T00:00:00Z",
    labels: [],
    issueTypes: [],
    milestones: [],
    issues: new Map(),
    nextNumber: 1,
    files: new Map(Object.entries(seed.files ?? {})),
    collaborators: new Map(),
    nonCollaborators: seed.nonCollaborators ?? "not-found",
    checkRuns: [],
  };
  store.repos.set(fullName.toLowerCase(), repo);
  store.register(repo.nodeId, { type: "Repository", repo });
  for (const label of seed.labels ?? []) {
    const spec = typeof label === "string" ? { name: label } : label;
    store.ensureLabel(repo, spec.name, spec.color ?? "ededed", spec.description ?? null);
  }
  const colors: Record<string, IssueType["color"]> = { Task: "yellow", Bug: "red", Feature: "blue" };
  for (const name of seed.issueTypes ?? DEFAULT_ISSUE_TYPES) {
    const typeId = store.id();
    const at = repo.createdAt;
    repo.issueTypes.push({ id: typeId, nodeId: store.nodeId("IssueType", typeId), name, description: null, color: colors[name] ?? "gray", isEnabled: true, createdAt: at, updatedAt: at });
  }
  if (seed.installation !== false) placeInInstallation(store, repo, seed.installation);
  return repo;
}

function placeInInstallation(store: Store, repo: Repo, wanted: number | undefined): void {
  const existing =
    wanted !== undefined
      ? store.installations.get(wanted)
      : [...store.installations.values()].find((i) => i.account.toLowerCase() === repo.owner.toLowerCase());
  if (existing) {
    if (existing.repositories !== "all" && !existing.repositories.includes(repo.fullName)) {
      existing.repositories.push(repo.fullName);
    }
    return;
  }
  addInstallation(store, { id: wanted, account: repo.owner });
}

export function addInstallation(
  store: Store,
  seed: { id?: number; account: string; repositories?: "all" | string[] },
): number {
  const id = seed.id ?? store.id();
  store.user(seed.account);
  store.installations.set(id, {
    id,
    nodeId: Buffer.from(`023:IntegrationInstallation${id}`).toString("base64"),
    account: seed.account,
    repositories: seed.repositories ?? "all",
    createdAt: "2020-01-01T00:00:00Z",
  });
  return id;
}

export function setCollaborator(store: Store, repo: Repo, login: string, role: Role, association?: Association): void {
  store.user(login);
  repo.collaborators.set(login.toLowerCase(), { role, association: association ?? "COLLABORATOR" });
}

export function addMilestone(
  store: Store,
  repo: Repo,
  seed: { title: string; state?: "open" | "closed"; dueOn?: string | null; description?: string | null; createdAt?: string; closedAt?: string | null },
): Milestone {
  const id = store.id();
  const createdAt = seed.createdAt ?? store.now();
  const state = seed.state ?? "open";
  const milestone: Milestone = {
    id,
    nodeId: store.nodeId("Milestone", id),
    number: repo.milestones.length + 1,
    title: seed.title,
    description: seed.description ?? null,
    state,
    dueOn: seed.dueOn ?? null,
    creator: repo.owner,
    createdAt,
    updatedAt: createdAt,
    closedAt: state === "closed" ? (seed.closedAt ?? createdAt) : null,
  };
  repo.milestones.push(milestone);
  store.register(milestone.nodeId, { type: "Milestone", repo, milestone });
  return milestone;
}
