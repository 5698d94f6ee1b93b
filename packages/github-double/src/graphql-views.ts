//! Purpose: GraphQL objects for actors, labels, milestones, comments, reactions and commits (resolved by default resolvers).
import type { Auth, Principal } from "./auth.js";
import { connection, type PageArgs } from "./graphql-connection.js";
import { WEB } from "./rest-shapes.js";
import { teamId } from "./rest-shapes-pull.js";
import type { Store } from "./store.js";
import type { Comment, Commit, Delivery, Issue, Label, Milestone, Reaction, ReactionContent, Repo, RequestedReviewer } from "./types.js";

/** Who asks, and where writes go: what the transport knows of a GraphQL request. */
export interface GRequest {
  store: Store;
  auth: Auth;
  principal: Principal;
  actor: string;
  emit: (delivery: Delivery) => void;
}

/**
 * The views an issue links back up to (its repository, its project items), which are built by modules that
 * import the issue's: graphql-exec.ts passes them in, so no module imports one that imports it.
 */
export interface Links {
  repoView(g: GCtx, repo: Repo): View;
  projectItemsOf(g: GCtx, issue: Issue): (args: PageArgs) => unknown;
}

/** What resolvers get as GraphQL context. */
export interface GCtx extends GRequest {
  links: Links;
}

export type View = Record<string, unknown> & { __typename: string };

const REACTIONS: Record<ReactionContent, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  hooray: "HOORAY",
  confused: "CONFUSED",
  heart: "HEART",
  rocket: "ROCKET",
  eyes: "EYES",
};

export function reactionFromGraphql(content: string): ReactionContent {
  const found = Object.entries(REACTIONS).find(([, value]) => value === content);
  return (found?.[0] ?? "+1") as ReactionContent;
}

/** A user, bot or organisation. In GraphQL a bot's login has no `[bot]` suffix. */
export function actorView(store: Store, login: string | null): View | null {
  if (login === null) return null;
  const user = store.user(login);
  const graphLogin = user.type === "Bot" ? user.login.replace(/\[bot\]$/, "") : user.login;
  const url = user.type === "Bot" ? `${WEB}/apps/${graphLogin}` : `${WEB}/${user.login}`;
  return {
    __typename: user.type,
    id: user.nodeId,
    databaseId: user.id,
    login: graphLogin,
    name: null,
    url,
    resourcePath: url.slice(WEB.length),
    avatarUrl: () => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    isSiteAdmin: false,
    createdAt: "2020-01-01T00:00:00Z",
    updatedAt: "2020-01-01T00:00:00Z",
  };
}

/** A requested reviewer: a person's actor view, or a team (the double knows a team only by `org/slug`). */
export function requestedReviewerView(store: Store, reviewer: RequestedReviewer): View | null {
  if (reviewer.kind === "User") return actorView(store, reviewer.name);
  const [org = "", slug = reviewer.name] = reviewer.name.split("/");
  const id = teamId(reviewer.name);
  return {
    __typename: "Team",
    id: store.nodeId("Team", id),
    databaseId: id,
    name: slug,
    slug,
    combinedSlug: `${org}/${slug}`,
    url: `${WEB}/orgs/${org}/teams/${slug}`,
    resourcePath: `/orgs/${org}/teams/${slug}`,
    organization: () => actorView(store, org),
  };
}

export function labelView(repo: Repo, label: Label): View {
  return {
    __typename: "Label",
    id: label.nodeId,
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: label.default,
    url: `${WEB}/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    resourcePath: `/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    createdAt: repo.createdAt,
    updatedAt: repo.createdAt,
  };
}

export function milestoneView(store: Store, repo: Repo, milestone: Milestone): View {
  const url = `${WEB}/${repo.fullName}/milestone/${milestone.number}`;
  return {
    __typename: "Milestone",
    id: milestone.nodeId,
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    state: milestone.state.toUpperCase(),
    closed: milestone.state === "closed",
    dueOn: milestone.dueOn,
    createdAt: milestone.createdAt,
    updatedAt: milestone.updatedAt,
    closedAt: milestone.closedAt,
    url,
    resourcePath: url.slice(WEB.length),
    creator: () => actorView(store, milestone.creator),
    progressPercentage: 0,
  };
}

export function reactionView(store: Store, reaction: Reaction): View {
  return {
    __typename: "Reaction",
    id: reaction.nodeId,
    databaseId: reaction.id,
    content: REACTIONS[reaction.content],
    createdAt: reaction.createdAt,
    user: () => actorView(store, reaction.user),
  };
}

/** `reactions` and `reactionGroups`, shared by issues, PRs and comments. */
export function reactable(g: GCtx, reactions: Reaction[]): Record<string, unknown> {
  return {
    reactions: (args: PageArgs & { content?: string }) => {
      const list = reactions.filter((r) => !args.content || REACTIONS[r.content] === args.content);
      return { ...connection(list.map((r) => reactionView(g.store, r)), args, "reactions"), viewerHasReacted: list.some((r) => r.user === g.actor) };
    },
    reactionGroups: () =>
      Object.entries(REACTIONS).map(([content, value]) => {
        const list = reactions.filter((r) => r.content === content);
        const people = (args: PageArgs) => connection(list.map((r) => actorView(g.store, r.user)), args, "reactors");
        return { content: value, createdAt: list[0]?.createdAt ?? null, users: people, reactors: people, viewerHasReacted: list.some((r) => r.user === g.actor) };
      }),
  };
}

/** Links from a comment to its issue and repository (built by their own modules). */
export interface CommentLinks {
  issue: () => View;
  repository: () => View;
}

export function commentView(g: GCtx, repo: Repo, issue: Issue, comment: Comment, links: CommentLinks): View {
  const url = `${WEB}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}#issuecomment-${comment.id}`;
  return {
    __typename: "IssueComment",
    id: comment.nodeId,
    databaseId: comment.id,
    fullDatabaseId: String(comment.id),
    body: comment.body,
    bodyText: comment.body,
    bodyHTML: comment.body,
    author: () => actorView(g.store, comment.author),
    editor: null,
    authorAssociation: comment.authorAssociation,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    publishedAt: comment.createdAt,
    lastEditedAt: comment.updatedAt === comment.createdAt ? null : comment.updatedAt,
    includesCreatedEdit: false,
    createdViaEmail: false,
    isMinimized: false,
    minimizedReason: null,
    url,
    resourcePath: url.slice(WEB.length),
    viewerDidAuthor: comment.author.toLowerCase() === g.actor.toLowerCase(),
    viewerCanUpdate: true,
    viewerCanDelete: true,
    viewerCanReact: true,
    issue: links.issue,
    pullRequest: () => (issue.pull ? links.issue() : null),
    repository: links.repository,
    ...reactable(g, comment.reactions),
  };
}

export function commitView(g: GCtx, repo: Repo, commit: Commit): View {
  const person = (date: string) => ({
    name: commit.authorName,
    email: commit.authorEmail,
    date,
    user: () => actorView(g.store, commit.author),
  });
  const [headline = ""] = commit.message.split("\n");
  return {
    __typename: "Commit",
    id: commit.nodeId,
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    message: commit.message,
    messageHeadline: headline,
    messageBody: commit.message.split("\n").slice(1).join("\n").trim(),
    committedDate: commit.committedAt,
    authoredDate: commit.authoredAt,
    pushedDate: commit.committedAt,
    url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    author: person(commit.authoredAt),
    committer: person(commit.committedAt),
    authoredByCommitter: true,
    committedViaWeb: false,
  };
}
