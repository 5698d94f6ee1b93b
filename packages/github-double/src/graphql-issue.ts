//! Purpose: GraphQL Issue and PullRequest objects, including their timeline items, reviews and commits.
import { closingReferences } from "./closing-references.js";
import { connection, ordered, type Order, type PageArgs } from "./graphql-connection.js";
import { actorView, commentView, commitView, labelView, milestoneView, reactable, requestedReviewerView, type GCtx, type View } from "./graphql-views.js";
import { WEB } from "./rest-shapes.js";
import type { Issue, IssueEvent, Label, Repo, Review } from "./types.js";

const EVENT_TYPES: Record<IssueEvent["kind"], string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  assigned: "AssignedEvent",
  unassigned: "UnassignedEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  milestoned: "MilestonedEvent",
  demilestoned: "DemilestonedEvent",
  convert_to_draft: "ConvertToDraftEvent",
  ready_for_review: "ReadyForReviewEvent",
  merged: "MergedEvent",
  renamed: "RenamedTitleEvent",
  "cross-referenced": "CrossReferencedEvent",
  review_requested: "ReviewRequestedEvent",
  review_request_removed: "ReviewRequestRemovedEvent",
};

/** `LabeledEvent` → `LABELED_EVENT`, the spelling of `itemTypes`. */
function itemType(typename: string): string {
  return typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

export function stateReasonOf(issue: Issue, enableDuplicate = false): string | null {
  if (!issue.stateReason) return null;
  if (issue.stateReason === "duplicate" && !enableDuplicate) return "NOT_PLANNED";
  return issue.stateReason.toUpperCase();
}

export function eventView(g: GCtx, repo: Repo, issue: Issue, event: IssueEvent): View {
  const typename = EVENT_TYPES[event.kind];
  const label = event.label ? (g.store.findLabel(repo, event.label.name) ?? g.store.ensureLabel(repo, event.label.name)) : undefined;
  const view: View = {
    __typename: typename,
    id: event.nodeId,
    databaseId: event.id,
    createdAt: event.createdAt,
    actor: () => actorView(g.store, event.actor),
    url: `${WEB}/${repo.fullName}/issues/${issue.number}#event-${event.id}`,
  };
  if (label) view.label = labelView(repo, label as Label);
  if (event.assignee) {
    view.assignee = () => actorView(g.store, event.assignee ?? null);
    view.user = view.assignee;
  }
  if (event.milestone) view.milestoneTitle = event.milestone.title;
  if (event.kind === "closed" || event.kind === "reopened") {
    view.stateReason = event.stateReason ? event.stateReason.toUpperCase() : null;
    const closer = event.closer;
    view.closer = () => {
      const source = closer ? g.store.findRepo(...(closer.repo.split("/") as [string, string])) : undefined;
      const pull = closer ? source?.issues.get(closer.number) : undefined;
      return source && pull ? issueView(g, source, pull) : null;
    };
    view.closable = () => issueView(g, repo, issue);
  }
  if (event.requestedReviewer) {
    const reviewer = event.requestedReviewer;
    view.requestedReviewer = () => requestedReviewerView(g.store, reviewer);
    view.pullRequest = () => issueView(g, repo, issue);
  }
  if (event.rename) Object.assign(view, { previousTitle: event.rename.from, currentTitle: event.rename.to });
  if (event.kind === "merged") Object.assign(view, { mergeRefName: issue.pull?.base.ref ?? "main", commit: null });
  if (event.kind === "cross-referenced" && event.source) {
    const source = g.store.findRepo(...(event.source.repo.split("/") as [string, string]));
    const sourceIssue = source?.issues.get(event.source.number);
    Object.assign(view, {
      source: source && sourceIssue ? issueView(g, source, sourceIssue) : null,
      target: () => issueView(g, repo, issue),
      isCrossRepository: source !== repo,
      willCloseTarget: false,
      referencedAt: event.createdAt,
    });
  }
  return view;
}

export function reviewView(g: GCtx, repo: Repo, issue: Issue, review: Review): View {
  const url = `${WEB}/${repo.fullName}/pull/${issue.number}#pullrequestreview-${review.id}`;
  return {
    __typename: "PullRequestReview",
    id: review.nodeId,
    databaseId: review.id,
    author: () => actorView(g.store, review.author),
    authorAssociation: review.authorAssociation,
    state: review.state,
    body: review.body,
    bodyText: review.body,
    createdAt: review.submittedAt,
    submittedAt: review.submittedAt,
    publishedAt: review.submittedAt,
    updatedAt: review.submittedAt,
    url,
    resourcePath: url.slice(WEB.length),
    commit: () => {
      const commit = issue.pull?.commits.find((c) => c.sha === review.commitId);
      return commit ? commitView(g, repo, commit) : null;
    },
    pullRequest: () => issueView(g, repo, issue),
  };
}

function pullCommitView(g: GCtx, repo: Repo, issue: Issue, index: number): View {
  const commit = issue.pull!.commits[index]!;
  return {
    __typename: "PullRequestCommit",
    id: commit.nodeId,
    commit: commitView(g, repo, commit),
    url: `${WEB}/${repo.fullName}/pull/${issue.number}/commits/${commit.sha}`,
    resourcePath: `/${repo.fullName}/pull/${issue.number}/commits/${commit.sha}`,
    pullRequest: () => issueView(g, repo, issue),
  };
}

function timeline(g: GCtx, repo: Repo, issue: Issue): Array<{ at: string; view: View }> {
  // Within one second GitHub lists items in the order they were made (a command, then the bot's answer to it):
  // events and comments share the store's id counter, so their ids give that order; commits and reviews follow.
  const last = Number.MAX_SAFE_INTEGER;
  const items: Array<{ at: string; seq: number; view: View }> = [];
  for (const event of issue.events) items.push({ at: event.createdAt, seq: event.id, view: eventView(g, repo, issue, event) });
  for (const comment of issue.comments) items.push({ at: comment.createdAt, seq: comment.id, view: commentOf(g, repo, issue, comment.id) });
  issue.pull?.commits.forEach((commit, i) => items.push({ at: commit.committedAt, seq: last, view: pullCommitView(g, repo, issue, i) }));
  for (const review of issue.pull?.reviews ?? []) items.push({ at: review.submittedAt, seq: last, view: reviewView(g, repo, issue, review) });
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
}

export function commentOf(g: GCtx, repo: Repo, issue: Issue, id: number): View {
  const comment = issue.comments.find((c) => c.id === id)!;
  return commentView(g, repo, issue, comment, { issue: () => issueView(g, repo, issue), repository: () => g.links.repoView(g, repo) });
}

type TimelineArgs = PageArgs & { itemTypes?: string[] | null; since?: string | null; skip?: number | null };

function canWrite(g: GCtx, repo: Repo): boolean {
  try {
    g.auth.checkRepoAccess(g.principal, repo, true);
    return true;
  } catch {
    return false;
  }
}

export function issueView(g: GCtx, repo: Repo, issue: Issue): View {
  const kind = issue.pull ? "pull" : "issues";
  const url = `${WEB}/${repo.fullName}/${kind}/${issue.number}`;
  const pull = issue.pull;
  const view: View = {
    __typename: pull ? "PullRequest" : "Issue",
    id: issue.nodeId,
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    bodyText: issue.body ?? "",
    bodyHTML: issue.body ?? "",
    url,
    resourcePath: url.slice(WEB.length),
    state: pull?.merged ? "MERGED" : issue.state.toUpperCase(),
    closed: issue.state === "closed",
    locked: issue.locked,
    author: () => actorView(g.store, issue.author),
    authorAssociation: issue.authorAssociation,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    publishedAt: issue.createdAt,
    lastEditedAt: null,
    closedAt: issue.closedAt,
    repository: () => g.links.repoView(g, repo),
    labels: (args: PageArgs & { orderBy?: Order }) => {
      const labels = issue.labels.map((name) => g.store.findLabel(repo, name)).filter((l): l is Label => l !== undefined);
      // Ordered like the repository's labels (creation or name), not by when they were added here.
      const sorted = ordered(labels, args.orderBy, (l, field) => (field === "NAME" ? l.name.toLowerCase() : repo.labels.indexOf(l)));
      return connection(sorted.map((l) => labelView(repo, l)), args, "labels");
    },
    assignees: (args: PageArgs) => connection(issue.assignees.map((a) => actorView(g.store, a)), args, "assignees"),
    // Issues only: the pull requests whose body closes this issue with a keyword (open ones unless `includeClosedPrs`).
    ...(!pull && {
      closedByPullRequestsReferences: (args: PageArgs & { includeClosedPrs?: boolean | null }) => {
        const pulls = [...repo.issues.values()].filter(
          (other) => other.pull && (args.includeClosedPrs || other.state === "open") && closingReferences(g.store, repo, other.body).some((ref) => ref.issue === issue),
        );
        return connection(pulls.map((other) => issueView(g, repo, other)), args, "closedByPullRequestsReferences");
      },
    }),
    participants: (args: PageArgs) => {
      const people = new Set([issue.author, ...issue.comments.map((c) => c.author)]);
      return connection([...people].map((p) => actorView(g.store, p)), args, "participants");
    },
    milestone: () => {
      const milestone = issue.milestone === null ? undefined : g.store.milestoneByNumber(repo, issue.milestone);
      return milestone ? milestoneView(g.store, repo, milestone) : null;
    },
    comments: (args: PageArgs) => connection(issue.comments.map((c) => commentOf(g, repo, issue, c.id)), args, "comments"),
    timelineItems: (args: TimelineArgs) => {
      const all = timeline(g, repo, issue);
      const wanted = args.itemTypes && args.itemTypes.length > 0 ? new Set(args.itemTypes) : undefined;
      const filtered = all
        .filter((item) => !wanted || wanted.has(itemType(item.view.__typename)))
        .filter((item) => !args.since || item.at >= args.since)
        .slice(args.skip ?? 0)
        .map((item) => item.view);
      const page = connection(filtered, args, "timelineItems");
      return { ...page, filteredCount: filtered.length, pageCount: page.nodes.length, totalCount: all.length, updatedAt: issue.updatedAt };
    },
    viewerDidAuthor: issue.author.toLowerCase() === g.actor.toLowerCase(),
    // An installation outside the repository may read a public one, never update it (as on GitHub).
    viewerCanUpdate: canWrite(g, repo),
    viewerCanReact: true,
    ...reactable(g, issue.reactions),
    projectItems: g.links.projectItemsOf(g, issue),
  };
  if (!pull) {
    view.stateReason = (args: { enableDuplicate?: boolean }) => stateReasonOf(issue, args.enableDuplicate ?? false);
    return view;
  }
  return Object.assign(view, {
    isDraft: pull.draft,
    merged: pull.merged,
    mergedAt: pull.mergedAt,
    mergedBy: () => actorView(g.store, pull.mergedBy),
    headRefName: pull.head.ref,
    headRefOid: pull.head.sha,
    baseRefName: pull.base.ref,
    changedFiles: pull.files.size,
    additions: 0,
    deletions: 0,
    mergeable: issue.state === "open" ? "MERGEABLE" : "UNKNOWN",
    isCrossRepository: false,
    reviewDecision: reviewDecision(pull.reviews),
    reviews: (args: PageArgs & { states?: string[] | null; author?: string | null }) => {
      const list = pull.reviews
        .filter((r) => !args.states || args.states.includes(r.state))
        .filter((r) => !args.author || r.author.toLowerCase() === args.author.toLowerCase());
      return connection(list.map((r) => reviewView(g, repo, issue, r)), args, "reviews");
    },
    reviewRequests: (args: PageArgs) =>
      connection(
        pull.reviewRequests.map((request, i) => ({
          __typename: "ReviewRequest",
          id: g.store.nodeId("ReviewRequest", issue.id * 100 + i),
          databaseId: issue.id * 100 + i,
          asCodeOwner: false,
          requestedReviewer: () => requestedReviewerView(g.store, request),
          pullRequest: () => issueView(g, repo, issue),
        })),
        args,
        "reviewRequests",
      ),
    closingIssuesReferences: (args: PageArgs) =>
      connection(closingReferences(g.store, repo, issue.body).map((ref) => issueView(g, ref.repo, ref.issue)), args, "closingIssuesReferences"),
    commits: (args: PageArgs) => connection(pull.commits.map((_, i) => pullCommitView(g, repo, issue, i)), args, "commits"),
    files: (args: PageArgs) => {
      const files = [...pull.files.entries()].map(([path, content]) => ({
        path,
        additions: content?.split("\n").length ?? 0,
        deletions: 0,
        changeType: content === null ? "DELETED" : repo.files.has(path) ? "MODIFIED" : "ADDED",
        viewerViewedState: "UNVIEWED",
      }));
      return connection(files, args, "files");
    },
  });
}

function reviewDecision(reviews: Review[]): string | null {
  const latest = new Map<string, Review>();
  for (const review of reviews) if (review.state !== "COMMENTED") latest.set(review.author, review);
  const states = [...latest.values()].map((r) => r.state);
  if (states.includes("CHANGES_REQUESTED")) return "CHANGES_REQUESTED";
  return states.includes("APPROVED") ? "APPROVED" : null;
}
