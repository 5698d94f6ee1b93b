//! Purpose: the GraphQL documents the report sends, in one place so a test checks each against GitHub's schema.

/** Only the facts that change a state: labels, closing, reopening. Comments and assignments would only cost pages. */
export const FACT_TYPES = "[LABELED_EVENT, UNLABELED_EVENT, CLOSED_EVENT, REOPENED_EVENT]";

const FACTS = `
fragment ReportFacts on IssueTimelineItemsConnection {
  pageInfo { hasNextPage endCursor }
  nodes {
    __typename
    ... on LabeledEvent { createdAt actor { login __typename } label { name } }
    ... on UnlabeledEvent { createdAt actor { login __typename } label { name } }
    ... on ClosedEvent { createdAt actor { login __typename } }
    ... on ReopenedEvent { createdAt actor { login __typename } }
  }
}`;

const BUG_FIELDS = `
        id number title url createdAt closedAt closed
        author { login __typename }
        labels(first: 100) { nodes { name } }
        assignees(first: 10) { nodes { login } }
        timelineItems(first: 100, itemTypes: ${FACT_TYPES}) { ...ReportFacts }`;

/**
 * One page of 100 bugs with their first 100 state facts: a repository of N open bugs costs ⌈N/100⌉ of these.
 * `since` (closed bugs only) is GitHub's "updated since", a superset of "closed since" that the caller narrows.
 */
export const REPORT_BUGS = `query ReportBugs($owner: String!, $name: String!, $labels: [String!], $states: [IssueState!], $since: DateTime, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, labels: $labels, states: $states, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${BUG_FIELDS} }
    }
  }
}
${FACTS}`;

/**
 * Bugs by type without the `bug` label, by node id (docs/issue-types.md): a REST listing (`?type=`) names them,
 * since `@octokit/graphql-schema` has no issue types; 100 per request.
 */
export const REPORT_BUG_NODES = `query ReportBugNodes($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Issue { ${BUG_FIELDS} } }
}
${FACTS}`;

/** The rest of the facts of bugs with more than 100, several bugs per request (one alias each). */
export function moreFactsQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$id${i}: ID!, $after${i}: String`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `i${i}: node(id: $id${i}) { ... on Issue { timelineItems(first: 100, after: $after${i}, itemTypes: ${FACT_TYPES}) { ...ReportFacts } } }`,
  ).join("\n  ");
  return `query ReportMoreFacts(${variables}) {\n  ${fields}\n}\n${FACTS}`;
}

/** Open pull requests: the community PR metric needs their age, draft flag and author. */
export const REPORT_PULLS = `query ReportPulls($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: 100, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        number title url createdAt isDraft authorAssociation
        author { login __typename }
        labels(first: 100) { nodes { name } }
        assignees(first: 10) { nodes { login } }
        talk: timelineItems(last: 30, itemTypes: [ISSUE_COMMENT, PULL_REQUEST_COMMIT, PULL_REQUEST_REVIEW, READY_FOR_REVIEW_EVENT]) {
          pageInfo { hasPreviousPage }
          nodes {
            __typename
            ... on IssueComment { createdAt author { login __typename } authorAssociation }
            ... on PullRequestCommit { commit { committedDate author { user { login } } } }
            ... on PullRequestReview { createdAt submittedAt state author { login __typename } authorAssociation }
            ... on ReadyForReviewEvent { createdAt actor { login __typename } }
          }
        }
      }
    }
  }
}`;

/** The tracking issue's latest comments, newest page first: is this week's report already there? */
export const REPORT_COMMENTS = `query ReportComments($owner: String!, $name: String!, $number: Int!, $before: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      id
      closed
      comments(last: 100, before: $before) {
        pageInfo { hasPreviousPage startCursor }
        nodes { body createdAt author { login __typename } }
      }
    }
  }
}`;
