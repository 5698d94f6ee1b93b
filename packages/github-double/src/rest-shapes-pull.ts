//! Purpose: REST JSON for pull requests, reviews, commits, timeline and issue events, and check runs.
import { API, WEB, commentJson, issueJson, loginJson, repoJson } from "./rest-shapes.js";
import type { Store } from "./store.js";
import type { CheckRun, Commit, Issue, IssueEvent, Repo, RequestedReviewer, Review } from "./types.js";

type Json = Record<string, unknown>;

/** The double has no team directory: a team is its `org/slug`, with a stable id derived from it. */
export function teamId(name: string): number {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000;
  return 9_000_000 + hash;
}

export function teamJson(store: Store, name: string): Json {
  const [org = "", slug = name] = name.split("/");
  const id = teamId(name);
  const url = `${API}/organizations/${org}/team/${id}`;
  return {
    id,
    node_id: store.nodeId("Team", id),
    url,
    html_url: `${WEB}/orgs/${org}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    type: "organization",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
  };
}

/** REST's `requested_reviewers` (people) and `requested_teams`. */
export function requestedJson(store: Store, requests: readonly RequestedReviewer[]): { requested_reviewers: Json[]; requested_teams: Json[] } {
  return {
    requested_reviewers: requests.filter((r) => r.kind === "User").map((r) => loginJson(store, r.name) as Json),
    requested_teams: requests.filter((r) => r.kind === "Team").map((r) => teamJson(store, r.name)),
  };
}

export function pullJson(store: Store, repo: Repo, issue: Issue): Json {
  const pull = issue.pull;
  if (!pull) throw new Error("not a pull request");
  const url = `${API}/repos/${repo.fullName}/pulls/${issue.number}`;
  const html = `${WEB}/${repo.fullName}/pull/${issue.number}`;
  const base = issueJson(store, repo, issue);
  const issueUrl = `${API}/repos/${repo.fullName}/issues/${issue.number}`;
  const branch = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: loginJson(store, repo.owner),
    repo: repoJson(store, repo),
  });
  return {
    url,
    id: issue.id,
    node_id: issue.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${API}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${API}/repos/${repo.fullName}/statuses/${pull.head.sha}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: base.user,
    body: issue.body,
    labels: base.labels,
    milestone: base.milestone,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: base.assignee,
    assignees: base.assignees,
    ...requestedJson(store, pull.reviewRequests),
    head: branch(pull.head.ref, pull.head.sha),
    base: branch(pull.base.ref, "0000000000000000000000000000000000000000"),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${API}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${API}/repos/${repo.fullName}/statuses/${pull.head.sha}` },
    },
    author_association: issue.authorAssociation,
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: issue.state === "open" ? true : null,
    rebaseable: issue.state === "open" ? true : null,
    mergeable_state: issue.state === "open" ? "clean" : "unknown",
    merged_by: loginJson(store, pull.mergedBy),
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.commits.length,
    additions: 0,
    deletions: 0,
    changed_files: pull.files.size,
  };
}

export function reviewJson(store: Store, repo: Repo, issue: Issue, review: Review): Json {
  const pullUrl = `${API}/repos/${repo.fullName}/pulls/${issue.number}`;
  const html = `${WEB}/${repo.fullName}/pull/${issue.number}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: review.nodeId,
    user: loginJson(store, review.author),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: review.authorAssociation,
  };
}

function gitPerson(commit: Commit, date: string): Json {
  return { name: commit.authorName, email: commit.authorEmail, date };
}

export function commitJson(store: Store, repo: Repo, commit: Commit, parent: string | undefined): Json {
  const url = `${API}/repos/${repo.fullName}/commits/${commit.sha}`;
  const parents = parent ? [{ sha: parent, url: `${API}/repos/${repo.fullName}/commits/${parent}`, html_url: `${WEB}/${repo.fullName}/commit/${parent}` }] : [];
  return {
    url,
    sha: commit.sha,
    node_id: commit.nodeId,
    html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${API}/repos/${repo.fullName}/git/commits/${commit.sha}`,
      author: gitPerson(commit, commit.authoredAt),
      committer: gitPerson(commit, commit.committedAt),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha, url: `${API}/repos/${repo.fullName}/git/trees/${commit.sha}` },
    },
    author: commit.author ? loginJson(store, commit.author) : null,
    committer: commit.author ? loginJson(store, commit.author) : null,
    parents,
  };
}

/** An entry of `GET /repos/{o}/{r}/issues/{n}/events` (also the non-comment part of the timeline). */
export function eventJson(store: Store, repo: Repo, event: IssueEvent): Json {
  const json: Json = {
    id: event.id,
    node_id: event.nodeId,
    url: `${API}/repos/${repo.fullName}/issues/events/${event.id}`,
    actor: loginJson(store, event.actor),
    event: event.kind,
    commit_id: event.commitId ?? null,
    commit_url: event.commitId ? `${API}/repos/${repo.fullName}/commits/${event.commitId}` : null,
    created_at: event.createdAt,
    performed_via_github_app: null,
  };
  if (event.label) json.label = { name: event.label.name, color: event.label.color };
  if (event.assignee) {
    json.assignee = loginJson(store, event.assignee);
    json.assigner = loginJson(store, event.actor);
  }
  if (event.milestone) json.milestone = { title: event.milestone.title };
  if (event.rename) json.rename = event.rename;
  if (event.requestedReviewer) {
    json.review_requester = loginJson(store, event.actor);
    if (event.requestedReviewer.kind === "User") json.requested_reviewer = loginJson(store, event.requestedReviewer.name);
    else json.requested_team = teamJson(store, event.requestedReviewer.name);
  }
  if (event.kind === "closed" || event.kind === "reopened") json.state_reason = event.stateReason ?? null;
  if (event.kind === "cross-referenced" && event.source) {
    const source = store.findRepo(...(event.source.repo.split("/") as [string, string]));
    const sourceIssue = source?.issues.get(event.source.number);
    return {
      event: event.kind,
      actor: json.actor,
      created_at: event.createdAt,
      updated_at: event.createdAt,
      source: { type: "issue", issue: source && sourceIssue ? { ...issueJson(store, source, sourceIssue), repository: repoJson(store, source) } : undefined },
    };
  }
  return json;
}

export interface TimelineEntry {
  at: string;
  json: Json;
}

/** The issue's timeline as `GET .../timeline` returns it, oldest first. */
export function timelineJson(store: Store, repo: Repo, issue: Issue): Json[] {
  const entries: TimelineEntry[] = [];
  for (const event of issue.events) entries.push({ at: event.createdAt, json: eventJson(store, repo, event) });
  for (const comment of issue.comments) {
    const json = commentJson(store, repo, issue, comment);
    entries.push({ at: comment.createdAt, json: { ...json, event: "commented", actor: json.user } });
  }
  const commits = issue.pull?.commits ?? [];
  commits.forEach((commit, i) => {
    const parent = commits[i - 1]?.sha;
    entries.push({ at: commit.committedAt, json: committedJson(repo, commit, parent) });
  });
  for (const review of issue.pull?.reviews ?? []) {
    const json = reviewJson(store, repo, issue, review);
    entries.push({ at: review.submittedAt, json: { ...json, event: "reviewed", state: review.state.toLowerCase() } });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => e.json);
}

function committedJson(repo: Repo, commit: Commit, parent: string | undefined): Json {
  const url = `${API}/repos/${repo.fullName}/git/commits/${commit.sha}`;
  return {
    event: "committed",
    sha: commit.sha,
    node_id: commit.nodeId,
    url,
    html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    author: gitPerson(commit, commit.authoredAt),
    committer: gitPerson(commit, commit.committedAt),
    message: commit.message,
    tree: { sha: commit.sha, url: `${API}/repos/${repo.fullName}/git/trees/${commit.sha}` },
    parents: parent ? [{ sha: parent, url: `${API}/repos/${repo.fullName}/git/commits/${parent}`, html_url: `${WEB}/${repo.fullName}/commit/${parent}` }] : [],
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

export function appJson(store: Store): Json {
  const owner = loginJson(store, "octo-org");
  return {
    id: store.appId,
    slug: store.appSlug,
    node_id: store.nodeId("Integration", store.appId),
    client_id: `Iv1.${store.appId.toString(16).padStart(16, "0")}`,
    owner,
    name: store.appName,
    description: null,
    external_url: `${WEB}/apps/${store.appSlug}`,
    html_url: `${WEB}/apps/${store.appSlug}`,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2020-01-01T00:00:00Z",
    permissions: store.permissions ?? { issues: "write", pull_requests: "write", checks: "write", contents: "read", metadata: "read" },
    events: ["issues", "issue_comment", "pull_request", "pull_request_review", "milestone"],
  };
}

export function checkRunJson(store: Store, repo: Repo, run: CheckRun): Json {
  const url = `${API}/repos/${repo.fullName}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: run.nodeId,
    head_sha: run.headSha,
    external_id: run.externalId,
    url,
    html_url: `${WEB}/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.output.annotations.length, annotations_url: `${url}/annotations`, annotations: undefined },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: appJson(store),
    pull_requests: [],
  };
}
