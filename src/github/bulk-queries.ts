//! Purpose: the sweep's GraphQL reads: open bugs and open PRs with their timeline facts, 100 of each per request.

/**
 * Label, assignment, close and reopen events in one window, conversation in another: a long discussion
 * must not push out the label edit a clock starts from. Both windows report whether older items exist.
 */
const EVENTS_WINDOW = 60;
const TALK_WINDOW = 30;

const ACTOR = "actor { login __typename }";
const EVENT_FIELDS = `
    ... on LabeledEvent { createdAt ${ACTOR} label { name } }
    ... on UnlabeledEvent { createdAt ${ACTOR} label { name } }
    ... on AssignedEvent { createdAt ${ACTOR} assignee { __typename ... on User { login } ... on Bot { login } } }
    ... on ClosedEvent { createdAt ${ACTOR} }
    ... on ReopenedEvent { createdAt ${ACTOR} }`;
const REVIEWER = "requestedReviewer { __typename ... on User { login } ... on Bot { login } ... on Team { combinedSlug } }";
const COMMENT_FIELDS = `... on IssueComment { databaseId createdAt author { login __typename } authorAssociation body }`;

/**
 * Reactions are read only in the re-check of one item, on its last 100 comments: a reaction by product to
 * the critical checklist confirms the bug (docs/contract.md §4). In the bulk read they would multiply its cost by the
 * comments of every bug; there an escalation looks due, and the re-check before the write calls it off.
 * The last 20 per comment: product's is among them unless twenty people reacted after it.
 */
const REACTIONS = "reactions(last: 20) { nodes { content createdAt user { login } } }";

/**
 * A pull request linked to a bug, with the last acts of its people (docs/contract.md §4: work on a linked pull
 * request counts as its person's move). Ten of each: the clocks need the latest act, not the history.
 */
const LINKED_PULL = `number createdAt author { login __typename }
      commits(last: 10) { nodes { commit { committedDate author { user { login } } } } }
      comments(last: 10) { nodes { createdAt author { login __typename } } }
      reviews(last: 10) { nodes { submittedAt author { login __typename } } }`;

/** Pull requests that close the bug (any person's acts count), and those that cross-reference it (their author's). */
const LINKED = `
  linked: closedByPullRequestsReferences(first: 5, includeClosedPrs: true) { nodes { ${LINKED_PULL} } }
  refs: timelineItems(last: 10, itemTypes: [CROSS_REFERENCED_EVENT]) {
    nodes { __typename ... on CrossReferencedEvent { source { __typename ... on PullRequest { ${LINKED_PULL} } } } }
  }`;

const COMMON = `
  id number title url createdAt closedAt closed
  author { login __typename }
  authorAssociation
  labels(first: 100) { nodes { id name } }
  assignees(first: 50) { nodes { id login } }
  milestone { number title }`;

export const SWEEP_FRAGMENTS = `
fragment SweepIssue on Issue {${COMMON}
  events: timelineItems(last: ${EVENTS_WINDOW}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT, REOPENED_EVENT]) {
    pageInfo { hasPreviousPage }
    nodes { __typename ${EVENT_FIELDS} }
  }
  talk: timelineItems(last: ${TALK_WINDOW}, itemTypes: [ISSUE_COMMENT]) {
    pageInfo { hasPreviousPage }
    nodes { __typename ${COMMENT_FIELDS} }
  }${LINKED}
}
fragment SweepPull on PullRequest {${COMMON}
  isDraft merged
  reviewRequests(first: 20) { nodes { ${REVIEWER} } }
  events: timelineItems(last: ${EVENTS_WINDOW}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT, REOPENED_EVENT, CONVERT_TO_DRAFT_EVENT, READY_FOR_REVIEW_EVENT, REVIEW_REQUESTED_EVENT]) {
    pageInfo { hasPreviousPage }
    nodes { __typename ${EVENT_FIELDS}
      ... on ConvertToDraftEvent { createdAt ${ACTOR} }
      ... on ReadyForReviewEvent { createdAt ${ACTOR} }
      ... on ReviewRequestedEvent { createdAt ${ACTOR} ${REVIEWER} }
    }
  }
  talk: timelineItems(last: ${TALK_WINDOW}, itemTypes: [ISSUE_COMMENT, PULL_REQUEST_COMMIT, PULL_REQUEST_REVIEW]) {
    pageInfo { hasPreviousPage }
    nodes { __typename ${COMMENT_FIELDS}
      ... on PullRequestCommit { commit { committedDate author { user { login } } } }
      ... on PullRequestReview { createdAt submittedAt state author { login __typename } authorAssociation }
    }
  }
}`;

/**
 * A comment with who put a 👍 on it (`reactionGroups` is the one field whose reactors include bots: the
 * `Reactor` union), for the sweep's rule "re-run unanswered commands" (src/lifecycle/unanswered.ts).
 */
const RECENT_COMMENT = `id databaseId createdAt body author { login __typename }
        reactionGroups { content reactors(first: 10) { nodes { __typename ... on Bot { login } ... on User { login } } } }`;

/** Issues (any state and label: `/reopen` is on a closed one) updated since the look-back, 25 per page. */
export const TALK_PAGE_SIZE = 25;
/** The last comments of each: a command and the bot's answer fall within them. */
export const TALK_COMMENTS = 30;

/**
 * One page of open bugs and one page of open PRs per request: a repository with N bugs and P PRs takes
 * max(⌈N/100⌉, ⌈P/100⌉) requests. `@include` drops a connection once it has no next page. `talk` (the
 * recently updated issues' last comments, when the sweep asks) rides in the same requests.
 */
export const SWEEP_PAGE = `query SweepPage($owner: String!, $name: String!, $bug: String!, $issuesAfter: String, $pullsAfter: String, $withIssues: Boolean!, $withPulls: Boolean!, $withTalk: Boolean! = false, $since: DateTime, $talkAfter: String) {
  repository(owner: $owner, name: $name) {
    id
    talk: issues(first: ${TALK_PAGE_SIZE}, after: $talkAfter, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withTalk) {
      pageInfo { hasNextPage endCursor }
      nodes { id number comments(last: ${TALK_COMMENTS}) { nodes { ${RECENT_COMMENT} } } }
    }
    issues(first: 100, after: $issuesAfter, states: [OPEN], labels: [$bug], orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withIssues) {
      pageInfo { hasNextPage endCursor }
      nodes { ...SweepIssue }
    }
    pullRequests(first: 100, after: $pullsAfter, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withPulls) {
      pageInfo { hasNextPage endCursor }
      nodes { ...SweepPull }
    }
  }
}
${SWEEP_FRAGMENTS}`;

/** The re-check just before a write: the same facts, fresh, plus the markers (and, on issues, reactions) of the last 100 comments (and, with a board, the bug's cards). */
export const SWEEP_ITEM = `query SweepItem($id: ID!, $withCards: Boolean! = false, $field: String! = "Status") {
  node(id: $id) {
    __typename
    ... on Issue {
      ...SweepIssue
      recent: comments(last: 100) { nodes { body author { login __typename } ${REACTIONS} } }
      cards: projectItems(first: 20) @include(if: $withCards) {
        nodes {
          id isArchived project { id }
          fieldValueByName(name: $field) {
            __typename
            ... on ProjectV2ItemFieldSingleSelectValue { name createdAt updatedAt creator { login __typename } }
          }
        }
      }
    }
    ... on PullRequest { ...SweepPull recent: comments(last: 100) { nodes { body author { login __typename } } } }
  }
}
${SWEEP_FRAGMENTS}`;

/** One issue fresh before its command is run again: what a webhook's payload carries, and its last 100 comments. */
export const REPLAY_ISSUE = `query ReplayIssue($id: ID!) {
  node(id: $id) {
    __typename
    ... on Issue {
      id number title url state
      author { login __typename }
      labels(first: 100) { nodes { id name } }
      assignees(first: 50) { nodes { id login } }
      milestone { number title }
      repository { id name owner { login } }
      comments(last: 100) { nodes { ${RECENT_COMMENT} } }
    }
  }
}`;

/**
 * Bugs by type that carry no `bug` label (the labelled ones come with the page above), by node id, 100 per
 * request: `@octokit/graphql-schema` has no issue types, so a REST listing (`?type=`) names them first.
 */
export const SWEEP_NODES = `query SweepNodes($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Issue { ...SweepIssue } ... on PullRequest { ...SweepPull } }
}
${SWEEP_FRAGMENTS}`;

/** Who the token is (a personal token's comments are the bot's own, yet look like a person's). */
export const VIEWER = `query SweepViewer { viewer { login } }`;
