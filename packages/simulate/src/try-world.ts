//! Purpose: what `npm run try` seeds (a repository with a bug in each interesting place) and the steps it prints, kept apart from the processes so both read plainly.
import type { GitHubDouble } from "@bug-lifecycle/github-double";

export const REPO = "acme/app";

/** Personal tokens the double accepts: the printed commands act as these people. */
export const TOKENS = { qa: "try-token-qa-lead", maintainer: "try-token-maint" } as const;

const CONFIG = `people:
  qa: [qa-lead]
  headOfProduct: product-head
groups:
  "#g-mdm": { em: mdm-em, pm: mdm-pm }
  "#g-orchestration": { em: orch-em, pm: orch-pm }
report: { issue: null }
`;

const LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "~critical bug", "~unreleased bug", "#g-mdm", "#g-orchestration"];

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** acme/app, the app installed on it, its people, and three bugs: one in the inbox, one waiting on its reporter for 15 days, one in engineering. */
export function seedTry(double: GitHubDouble): void {
  double.addInstallation({ id: 1, account: "acme" });
  double.addRepo(REPO, { labels: LABELS });
  for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm", "orch-em", "orch-pm", "product-head"]) double.addCollaborator(REPO, login, "write");
  double.addUser("reporter");
  double.addToken(TOKENS.qa, "qa-lead");
  double.addToken(TOKENS.maintainer, "maint");
  double.setFile(REPO, ".github/bug-lifecycle.yml", CONFIG);
  double.addIssue(REPO, {
    title: "Enrollment crashes on macOS 15",
    author: "reporter",
    createdAt: daysAgo(1),
    labels: ["bug", ":reproduce"],
    events: [{ kind: "labeled", actor: "bug-lifecycle[bot]", createdAt: daysAgo(1), label: ":reproduce" }],
  });
  double.addIssue(REPO, {
    title: "Profile fails to install",
    author: "reporter",
    createdAt: daysAgo(20),
    labels: ["bug", ":reproduce", "~needs info"],
    comments: [{ author: "qa-lead", body: "/needs-info", createdAt: daysAgo(15) }],
    events: [{ kind: "labeled", actor: "bug-lifecycle[bot]", createdAt: daysAgo(15), label: "~needs info" }],
  });
  double.addIssue(REPO, {
    title: "Software inventory shows stale versions",
    author: "qa-lead",
    createdAt: daysAgo(9),
    labels: ["bug", "#g-mdm", ":release"],
    assignees: ["mdm-em"],
  });
}

export interface Steps {
  github: string;
  server: string;
  /** GHE_HOST, GHE_PROTOCOL, APP_ID, PRIVATE_KEY_PATH: the CLI acts as the app, as the server does. */
  env: Record<string, string>;
  cli: string;
  logFile: string;
  tokens: typeof TOKENS;
  repo: string;
}

/** The banner: each command on a `  $ ` line, complete, so it can be pasted (and the test runs them as printed). */
export function nextSteps(s: Steps): string {
  const api = `${s.github}/api/v3/repos/${s.repo}`;
  const env = Object.entries(s.env).map(([name, value]) => `${name}=${value}`).join(" ");
  return `bug-lifecycle is running against a GitHub double (no GitHub, no credentials):
  server      ${s.server}   (its log: ${s.logFile})
  GitHub      ${s.github}   (REST under /api/v3, GraphQL at /api/graphql)
  repository  ${s.repo}: #1 in the inbox, #2 waiting 15 days for its reporter, #3 in engineering

1. Deliver a command: QA comments "/reproduced #g-mdm" on #1 (GitHub sends the webhook to the server)
  $ curl -s -o /dev/null -X POST -H "Authorization: token ${s.tokens.qa}" -d '{"body":"/reproduced #g-mdm"}' ${api}/issues/1/comments
   then see #1's labels and assignee (#g-mdm, mdm-em) and the bot's 👍:
  $ curl -s -H "Authorization: token ${s.tokens.qa}" ${api}/issues/1

2. Run a sweep: the timers that are due (#2 gets its needs-info reminder)
  $ ${env} node ${s.cli} sweep --repo ${s.repo}

3. Open the report: the week's numbers and charts, one HTML file
  $ ${env} node ${s.cli} report ${s.repo} --format html --out bug-report.html
   then open bug-report.html in a browser.

Ctrl-C stops the server and the double. Everything lives in memory: the next run starts fresh.
`;
}
