//! Purpose: every docs/contract.md §2 row as a person's action on a seeded issue: shared by the request-count test and its benchmark.
import type { PayloadName, PersonAction } from "@bug-lifecycle/github-double";
import { REPO, type Harness } from "./app-harness.js";

export interface SpecRow {
  row: string;
  /** Labels and assignees of the issue before the action. */
  labels: string[];
  assignees?: string[];
  author?: string;
  event: PayloadName;
  action: (number: number) => Omit<PersonAction, "repo">;
  /** Prepares anything else the row needs (a milestone, a PR); returns the issue number to act on. */
  setup?: (h: Harness, number: number) => number | void;
  /** Writes the transition may take: one, except where the row says why not. */
  maxWrites: number;
}

const say = (actor: string, body: string) => (number: number) => ({ actor, number, body });

export const specRows: SpecRow[] = [
  { row: "bug opened (community) → inbox + acknowledgement", labels: [], event: "issues.opened", action: () => ({ actor: "reporter", labels: ["bug"] }), maxWrites: 1 },
  { row: "/reproduced #g-mdm", labels: ["bug", ":reproduce"], assignees: ["qa-lead"], event: "issue_comment.created", action: say("qa-lead", "/reproduced #g-mdm"), maxWrites: 1 },
  { row: "/reproduced without a group → reply", labels: ["bug", ":reproduce"], event: "issue_comment.created", action: say("qa-lead", "/reproduced"), maxWrites: 1 },
  { row: "/product", labels: ["bug", "#g-mdm"], event: "issue_comment.created", action: say("maint", "/product"), maxWrites: 1 },
  { row: "/engineering", labels: ["bug", ":product", "#g-mdm"], event: "issue_comment.created", action: say("maint", "/engineering"), maxWrites: 1 },
  { row: "/release", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], event: "issue_comment.created", action: say("mdm-em", "/release"), maxWrites: 1 },
  { row: "/backlog", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"], event: "issue_comment.created", action: say("mdm-em", "/backlog"), maxWrites: 1 },
  { row: "/critical", labels: ["bug", "#g-mdm"], event: "issue_comment.created", action: say("maint", "/critical"), maxWrites: 1 },
  { row: "/unreleased #g-mdm", labels: ["bug", ":reproduce"], event: "issue_comment.created", action: say("qa-lead", "/unreleased #g-mdm"), maxWrites: 1 },
  { row: "/fixed", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"], event: "issue_comment.created", action: say("mdm-em", "/fixed"), maxWrites: 1 },
  { row: "/qa-passed", labels: ["bug", ":release", "~awaiting QA", "#g-mdm"], assignees: ["qa-lead"], event: "issue_comment.created", action: say("qa-lead", "/qa-passed"), maxWrites: 1 },
  { row: "/qa-failed notes", labels: ["bug", ":release", "~awaiting QA", "#g-mdm"], assignees: ["mdm-em", "qa-lead"], event: "issue_comment.created", action: say("qa-lead", "/qa-failed still broken"), maxWrites: 1 },
  { row: "/needs-info", labels: ["bug", ":reproduce"], event: "issue_comment.created", action: say("qa-lead", "/needs-info which version?"), maxWrites: 1 },
  { row: "reporter replies to ~needs info", labels: ["bug", ":reproduce", "~needs info"], event: "issue_comment.created", action: say("reporter", "version 4.2"), maxWrites: 1 },
  { row: "/not-a-bug", labels: ["bug", "#g-mdm"], event: "issue_comment.created", action: say("maint", "/not-a-bug by design"), maxWrites: 1 },
  { row: "/group #g-orchestration", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], event: "issue_comment.created", action: say("maint", "/group #g-orchestration"), maxWrites: 1 },
  { row: "/why", labels: ["bug", "#g-mdm"], event: "issue_comment.created", action: say("someone", "/why"), maxWrites: 1 },
  { row: "refusal (non-maintainer)", labels: ["bug", ":reproduce"], event: "issue_comment.created", action: say("reader", "/release"), maxWrites: 1 },
  { row: "label edit: add :product by hand", labels: ["bug", ":reproduce", "#g-mdm"], event: "issues.labeled", action: (number) => ({ actor: "maint", number, label: ":product" }), maxWrites: 1 },
  { row: "label edit: remove :reproduce (group on)", labels: ["bug", ":reproduce", "#g-mdm"], assignees: ["qa-lead"], event: "issues.unlabeled", action: (number) => ({ actor: "qa-lead", number, label: ":reproduce" }), maxWrites: 1 },
  { row: "label edit that needs nothing", labels: ["bug", ":reproduce"], event: "issues.labeled", action: (number) => ({ actor: "maint", number, label: "P2" }), maxWrites: 0 },
  { row: "comment without a command", labels: ["bug", ":reproduce"], event: "issue_comment.created", action: say("someone", "+1, same here"), maxWrites: 0 },
  {
    row: "milestone closed → ready bug released",
    labels: ["bug", ":release", "~ready for release", "#g-mdm"],
    event: "milestone.closed",
    setup: (h, number) => {
      h.double.addMilestone(REPO, { title: "4.60.0" });
      h.double.payload("issues.milestoned", { repo: REPO, actor: "maint", number, milestone: "4.60.0" });
    },
    action: () => ({ actor: "maint", milestone: "4.60.0" }),
    maxWrites: 1,
  },
  {
    row: "/reopen by the reporter after a bot close",
    labels: ["bug", ":reproduce"],
    event: "issue_comment.created",
    setup: (h, number) => {
      h.double.addComment(REPO, number, { author: h.double.botLogin, body: 'closing\n<!-- bug-lifecycle:needs-info-close:x -->\n<!-- bug-lifecycle-restore {"labels":["bug",":reproduce"],"assignees":["qa-lead"]} -->' });
      h.double.payload("issues.closed", { repo: REPO, actor: h.double.botLogin, number, stateReason: "not_planned" });
    },
    action: say("reporter", "/reopen here are the details"),
    maxWrites: 1,
  },
  {
    row: "community PR merged → bug awaiting QA + thanks",
    labels: ["bug", ":release", "#g-mdm"],
    assignees: ["mdm-em"],
    event: "pull_request.closed",
    setup: (h, bug) => h.double.addPull(REPO, { author: "contributor", body: `Fix for #${bug}` }).number,
    action: (number) => ({ actor: "maint", number, merged: true }),
    maxWrites: 1,
  },
  {
    // GitHub closes the bug on merge (its issues.closed follows): one write reopens it for QA and thanks the author.
    row: "community PR merged with `Fixes #N` → bug reopened for QA + thanks",
    labels: ["bug", ":release", "#g-mdm"],
    assignees: ["mdm-em"],
    event: "pull_request.closed",
    setup: (h, bug) => h.double.addPull(REPO, { author: "contributor", body: `Fixes #${bug}` }).number,
    action: (number) => ({ actor: "maint", number, merged: true }),
    maxWrites: 1,
  },
  {
    // Two bugs closed by one merge: one write per bug (the first also thanks the author), whichever webhook comes first.
    row: "community PR merged with `Fixes #N, fixes #M` → both bugs reopened for QA + thanks",
    labels: ["bug", ":release", "#g-mdm"],
    assignees: ["mdm-em"],
    event: "pull_request.closed",
    setup: (h, bug) => {
      const other = h.double.addIssue(REPO, { title: "Also broken", author: "reporter", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"] }).number;
      return h.double.addPull(REPO, { author: "contributor", body: `Fixes #${bug}, fixes #${other}` }).number;
    },
    action: (number) => ({ actor: "maint", number, merged: true }),
    maxWrites: 2,
  },
  { row: "/product with prose after it", labels: ["bug", "#g-mdm"], event: "issue_comment.created", action: say("maint", "/product Can product confirm this is intended?"), maxWrites: 1 },
  {
    row: "comment edited: /reproducd → /reproduced #g-mdm",
    labels: ["bug", ":reproduce"],
    assignees: ["qa-lead"],
    event: "issue_comment.edited",
    // The target is the comment's id: the edit names the comment, not the issue.
    setup: (h, bug) => h.double.addComment(REPO, bug, { author: "qa-lead", body: "/reproducd #g-mdm" }).id,
    action: (commentId) => ({ actor: "qa-lead", commentId, body: "/reproduced #g-mdm" }),
    maxWrites: 1,
  },
  {
    row: "PR opened with a closing keyword on a bug",
    labels: ["bug", ":release", "#g-mdm"],
    event: "pull_request.opened",
    action: (bug) => ({ actor: "contributor", body: `fixes #${bug}`, title: "Fix" }),
    maxWrites: 1,
  },
];
