//! Purpose: the GraphQL reads the app makes, in one place so tests check each against GitHub's schema.

/** Issue fields every decision may need, plus the bot's markers in the latest comments. */
export const ISSUE_FIELDS = `
  id number title url closed
  author { login __typename }
  labels(first: 100) { nodes { id name } }
  assignees(first: 50) { nodes { id login } }
  milestone { number title }
  comments(last: 100) { nodes { body author { login __typename } } }
  lastClose: timelineItems(last: 1, itemTypes: [CLOSED_EVENT]) {
    nodes { ... on ClosedEvent { closer { __typename ... on PullRequest { number url merged author { login __typename } } } } }
  }`;

/** Several issues of one repository by number: one read for every bug a pull request references. */
export function issuesByNumber(numbers: readonly number[]): string {
  const fields = numbers
    .map((n) => `i${n}: issueOrPullRequest(number: ${n}) { __typename ... on Issue { ${ISSUE_FIELDS} } ... on PullRequest { ${ISSUE_FIELDS} } }`)
    .join("\n    ");
  return `query IssuesByNumber($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    ${fields}
  }
}`;
}

/** Open issues of a milestone that carry a label: the bugs a milestone's release closes. */
export const MILESTONE_ISSUES = `query MilestoneIssues($owner: String!, $name: String!, $milestone: String!, $labels: [String!], $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN], labels: $labels, filterBy: { milestoneNumber: $milestone }) {
      nodes { ${ISSUE_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Label, user and milestone ids of a repository, so a transition's writes fit in one mutation document. */
export function directoryQuery(logins: readonly string[]): string {
  const users = logins.map((login, i) => `u${i}: user(login: ${JSON.stringify(login)}) { id login }`).join("\n  ");
  return `query Directory($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    id
    labels(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
    milestones(first: 20, states: [OPEN], orderBy: { field: DUE_DATE, direction: ASC }) { nodes { id number title dueOn } }
  }
  ${users}
}`;
}

const UNDO_ACTOR = "actor { login __typename }";
const UNDO_ASSIGNEE = "assignee { __typename ... on User { login } ... on Bot { login } ... on Mannequin { login } }";
const UNDO_EVENTS = `
        ... on LabeledEvent { createdAt ${UNDO_ACTOR} label { name } }
        ... on UnlabeledEvent { createdAt ${UNDO_ACTOR} label { name } }
        ... on AssignedEvent { createdAt ${UNDO_ACTOR} ${UNDO_ASSIGNEE} }
        ... on UnassignedEvent { createdAt ${UNDO_ACTOR} ${UNDO_ASSIGNEE} }
        ... on ClosedEvent { createdAt ${UNDO_ACTOR} }
        ... on ReopenedEvent { createdAt ${UNDO_ACTOR} }
        ... on MilestonedEvent { createdAt ${UNDO_ACTOR} milestoneTitle }
        ... on DemilestonedEvent { createdAt ${UNDO_ACTOR} milestoneTitle }
        ... on IssueComment { databaseId createdAt body author { login __typename } }`;
const UNDO_TYPES = "LABELED_EVENT, UNLABELED_EVENT, ASSIGNED_EVENT, UNASSIGNED_EVENT, CLOSED_EVENT, REOPENED_EVENT, MILESTONED_EVENT, DEMILESTONED_EVENT, ISSUE_COMMENT";
const UNDO_CURRENT = `closed labels(first: 100) { nodes { name } } assignees(first: 50) { nodes { login } } milestone { number title }`;

/**
 * `/undo` with `statusComment: false`: the issue's fields now and the last 100 field events and comments of its
 * timeline, from which the core rebuilds the bot's transitions (src/lifecycle/timeline-history.ts).
 */
export const UNDO_HISTORY = `query UndoHistory($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        ${UNDO_CURRENT}
        history: timelineItems(last: 100, itemTypes: [${UNDO_TYPES}]) { nodes { __typename ${UNDO_EVENTS} } }
      }
      ... on PullRequest {
        ${UNDO_CURRENT} isDraft
        history: timelineItems(last: 100, itemTypes: [${UNDO_TYPES}, CONVERT_TO_DRAFT_EVENT, READY_FOR_REVIEW_EVENT]) {
          nodes { __typename ${UNDO_EVENTS}
            ... on ConvertToDraftEvent { createdAt ${UNDO_ACTOR} }
            ... on ReadyForReviewEvent { createdAt ${UNDO_ACTOR} }
          }
        }
      }
    }
  }
}`;
