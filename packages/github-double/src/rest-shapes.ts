//! Purpose: the model rendered as GitHub's REST (and webhook) JSON: users, repos, labels, issues, PRs, comments.
import type { Store } from "./store.js";
import type { Comment, Issue, IssueType, Label, Milestone, Reaction, Repo, User } from "./types.js";

export const API = "https://api.github.com";
export const WEB = "https://github.com";

type Json = Record<string, unknown>;

export function userJson(user: User): Json {
  const url = `${API}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: user.type === "Bot" ? `${WEB}/apps/${user.login.replace(/\[bot\]$/, "")}` : `${WEB}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** An organisation as webhooks carry it (`organization-simple-webhooks`). */
export function orgJson(user: User): Json {
  const url = `${API}/orgs/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    description: null,
  };
}

export function loginJson(store: Store, login: string | null): Json | null {
  return login === null ? null : userJson(store.user(login));
}

export function repoJson(store: Store, repo: Repo): Json {
  const url = `${API}/repos/${repo.fullName}`;
  const open = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const templated = (name: string, suffix = "") => `${url}/${name}${suffix}`;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(store.user(repo.owner)),
    html_url: `${WEB}/${repo.fullName}`,
    description: repo.description,
    fork: false,
    url,
    archive_url: templated("{archive_format}{/ref}"),
    assignees_url: templated("assignees", "{/user}"),
    blobs_url: templated("git/blobs", "{/sha}"),
    branches_url: templated("branches", "{/branch}"),
    collaborators_url: templated("collaborators", "{/collaborator}"),
    comments_url: templated("comments", "{/number}"),
    commits_url: templated("commits", "{/sha}"),
    compare_url: templated("compare/{base}...{head}"),
    contents_url: templated("contents/{+path}"),
    contributors_url: templated("contributors"),
    deployments_url: templated("deployments"),
    downloads_url: templated("downloads"),
    events_url: templated("events"),
    forks_url: templated("forks"),
    git_commits_url: templated("git/commits", "{/sha}"),
    git_refs_url: templated("git/refs", "{/sha}"),
    git_tags_url: templated("git/tags", "{/sha}"),
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: templated("issues/comments", "{/number}"),
    issue_events_url: templated("issues/events", "{/number}"),
    issues_url: templated("issues", "{/number}"),
    keys_url: templated("keys", "{/key_id}"),
    labels_url: templated("labels", "{/name}"),
    languages_url: templated("languages"),
    merges_url: templated("merges"),
    milestones_url: templated("milestones", "{/number}"),
    notifications_url: templated("notifications{?since,all,participating}"),
    pulls_url: templated("pulls", "{/number}"),
    releases_url: templated("releases", "{/id}"),
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: templated("stargazers"),
    statuses_url: templated("statuses/{sha}"),
    subscribers_url: templated("subscribers"),
    subscription_url: templated("subscription"),
    tags_url: templated("tags"),
    teams_url: templated("teams"),
    trees_url: templated("git/trees", "{/sha}"),
    hooks_url: templated("hooks"),
    clone_url: `${WEB}/${repo.fullName}.git`,
    mirror_url: null,
    svn_url: `${WEB}/${repo.fullName}`,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues: open,
    open_issues_count: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function labelJson(repo: Repo, label: Label): Json {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${API}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function milestoneJson(store: Store, repo: Repo, milestone: Milestone): Json {
  const url = `${API}/repos/${repo.fullName}/milestones/${milestone.number}`;
  const issues = [...repo.issues.values()].filter((i) => i.milestone === milestone.number);
  return {
    url,
    html_url: `${WEB}/${repo.fullName}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: milestone.id,
    node_id: milestone.nodeId,
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    creator: loginJson(store, milestone.creator),
    open_issues: issues.filter((i) => i.state === "open").length,
    closed_issues: issues.filter((i) => i.state === "closed").length,
    state: milestone.state,
    created_at: milestone.createdAt,
    updated_at: milestone.updatedAt,
    due_on: milestone.dueOn,
    closed_at: milestone.closedAt,
  };
}

export function reactionsRollup(url: string, reactions: Reaction[]): Json {
  const count = (content: string) => reactions.filter((r) => r.content === content).length;
  return {
    url,
    total_count: reactions.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    hooray: count("hooray"),
    confused: count("confused"),
    heart: count("heart"),
    rocket: count("rocket"),
    eyes: count("eyes"),
  };
}

export function reactionJson(store: Store, reaction: Reaction): Json {
  return {
    id: reaction.id,
    node_id: reaction.nodeId,
    user: loginJson(store, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

/** `@octokit/openapi` `issue-type`. */
export function issueTypeJson(type: IssueType): Json {
  return { id: type.id, node_id: type.nodeId, name: type.name, description: type.description, color: type.color, created_at: type.createdAt, updated_at: type.updatedAt, is_enabled: type.isEnabled };
}

export function issueJson(store: Store, repo: Repo, issue: Issue): Json {
  const url = `${API}/repos/${repo.fullName}/issues/${issue.number}`;
  const html = `${WEB}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const milestone = issue.milestone === null ? undefined : store.milestoneByNumber(repo, issue.milestone);
  const labels = issue.labels.map((name) => store.findLabel(repo, name)).filter((l): l is Label => l !== undefined);
  const json: Json = {
    url,
    repository_url: `${API}/repos/${repo.fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    user: loginJson(store, issue.author),
    labels: labels.map((l) => labelJson(repo, l)),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] === undefined ? null : loginJson(store, issue.assignees[0]),
    assignees: issue.assignees.map((login) => loginJson(store, login)),
    milestone: milestone ? milestoneJson(store, repo, milestone) : null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: issue.authorAssociation,
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.state === "closed" ? loginJson(store, issue.closedBy) : null,
    reactions: reactionsRollup(`${url}/reactions`, issue.reactions),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
  // "Only present for issues in repositories where issue types are supported" (`@octokit/openapi` `issue.type`).
  if (repo.issueTypes.length && !issue.pull) {
    const type = issue.type === null ? undefined : repo.issueTypes.find((t) => t.name === issue.type);
    json.type = type ? issueTypeJson(type) : null;
  }
  if (issue.pull) {
    json.draft = issue.pull.draft;
    json.pull_request = {
      url: `${API}/repos/${repo.fullName}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return json;
}

export function commentJson(store: Store, repo: Repo, issue: Issue, comment: Comment): Json {
  const url = `${API}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${API}/repos/${repo.fullName}/issues/${issue.number}`,
    id: comment.id,
    node_id: comment.nodeId,
    user: loginJson(store, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    body: comment.body,
    reactions: reactionsRollup(`${url}/reactions`, comment.reactions),
    performed_via_github_app: null,
  };
}
