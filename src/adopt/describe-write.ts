//! Purpose: one write of the preview in words a lead reads ("add label :release", "comment: …"), shared by the markdown and HTML pages.
import type { Effect } from "../lifecycle/types.js";

const list = (values: readonly string[]) => values.join(", ");
const people = (logins: readonly string[]) => logins.map((login) => `@${login}`).join(", ");

/** The write in one line; a comment's text is given apart (`commentText`), whole. */
export function describeWrite(effect: Effect): string {
  switch (effect.type) {
    case "add-labels":
      return `add ${effect.labels.length > 1 ? "labels" : "label"} ${list(effect.labels)}`;
    case "remove-labels":
      return `remove ${effect.labels.length > 1 ? "labels" : "label"} ${list(effect.labels)}`;
    case "add-assignees":
      return `assign ${people(effect.logins)}`;
    case "remove-assignees":
      return `unassign ${people(effect.logins)}`;
    case "comment":
      return "comment";
    case "close":
      return `close the issue (${effect.reason === "not_planned" ? "not planned" : "completed"})`;
    case "close-pull-request":
      return "close the pull request";
    case "convert-to-draft":
      return "convert the pull request to a draft";
    case "reopen":
      return effect.pullRequest ? "reopen the pull request" : "reopen";
    case "mark-ready":
      return "mark the pull request ready for review";
    case "remove-milestone":
      return "remove the milestone";
    case "repair-status":
      return "repair the status comment";
    case "remove-type":
      return "remove the issue type";
    case "notify":
      return `Slack (${effect.channel}): ${effect.text}`;
    case "react":
      return `react ${effect.content}`;
    case "set-milestone":
      return "set the earliest open milestone";
    case "mark-ready":
      return "mark the pull request ready for review";
    case "remove-milestone":
      return "remove the milestone";
    case "repair-status":
      return "rewrite the status comment";
  }
}

export function commentText(effect: Effect): string | null {
  return effect.type === "comment" ? effect.body : null;
}
