//! Purpose: `npm run bench:sweep`'s GitHub: the double (its built JS, packages/github-double/lib) in its own process, seeded with N open bugs and N/10 PRs.
// Plain JavaScript on the build output so the double's memory and CPU stay out of the measured process.
// Protocol: prints {"port","appId","bugs","pulls","due"} once listening; each "count" line on stdin
// gets {"requests","writes"} back (token minting excluded); "quit" exits.
import { createInterface } from "node:readline";
import { GitHubDouble } from "@bug-lifecycle/github-double";

const REPO = "acme/app";
const NOW = new Date("2026-11-18T17:00:00Z");
const BOT = "bug-lifecycle[bot]";
const DAY = 86_400_000;
const ago = (days, seconds = 0) => new Date(NOW.getTime() - days * DAY + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
const CONFIG = `
people: { qa: [qa-lead], headOfProduct: product-head }
groups:
  "#g-mdm": { em: mdm-em, pm: mdm-pm }
`;

const n = Number(process.argv[2] ?? 100);
const double = new GitHubDouble({ appSlug: "bug-lifecycle", now: () => NOW });
double.addInstallation({ id: 1, account: "acme" });
double.addRepo(REPO, { labels: ["bug", ":reproduce", ":product", ":release", "~needs info", "#g-mdm"] });
for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm", "product-head"]) double.addCollaborator(REPO, login, "write");
double.setFile(REPO, ".github/bug-lifecycle.yml", CONFIG);

const talk = (days) => [
  { author: "reporter", authorAssociation: "NONE", body: "It happens on every start.", createdAt: ago(days) },
  { author: "maint", authorAssociation: "COLLABORATOR", body: "Thanks, looking into it.", createdAt: ago(days - 0.5) },
];

// Every 200th bug waits on its reporter for 15 days (reminder due), every 200th is 50 days in
// `reproduced` (six-week rule due), every 20th PR waits 8 days on its author (draft due).
// The rest is in engineering or recently reproduced, or the author answered last: nothing due.
let due = 0;
for (let i = 0; i < n; i++) {
  const base = { author: "reporter", authorAssociation: "NONE", title: `Bug ${i}` };
  if (i % 200 === 100) {
    due++;
    double.addIssue(REPO, {
      ...base,
      createdAt: ago(20),
      labels: ["bug", ":reproduce", "~needs info"],
      comments: [...talk(19), { author: "qa-lead", authorAssociation: "COLLABORATOR", body: "/needs-info", createdAt: ago(15) }],
      events: [{ kind: "labeled", actor: BOT, createdAt: ago(15, 1), label: "~needs info" }],
    });
  } else if (i % 200 === 150) {
    due++;
    double.addIssue(REPO, {
      ...base,
      createdAt: ago(55),
      labels: ["bug", "#g-mdm"],
      assignees: ["mdm-em"],
      comments: [...talk(54), { author: "qa-lead", authorAssociation: "COLLABORATOR", body: "/reproduced #g-mdm", createdAt: ago(50) }],
      events: [
        { kind: "labeled", actor: "reporter", createdAt: ago(55), label: "bug" },
        { kind: "unlabeled", actor: BOT, createdAt: ago(50, 2), label: ":reproduce" },
        { kind: "labeled", actor: BOT, createdAt: ago(50, 2), label: "#g-mdm" },
      ],
    });
  } else if (i % 3 === 0) {
    double.addIssue(REPO, { ...base, createdAt: ago(12), labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], comments: talk(11) });
  } else {
    double.addIssue(REPO, { ...base, createdAt: ago(1 + (i % 60)), labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"], comments: talk(1 + (i % 60)) });
  }
}
const pulls = Math.ceil(n / 10);
for (let i = 0; i < pulls; i++) {
  const waiting = i % 20 === 10;
  if (waiting) due++;
  double.addPull(REPO, {
    author: "contributor",
    authorAssociation: "CONTRIBUTOR",
    title: `Fix ${i}`,
    createdAt: ago(20),
    commits: [{ author: "contributor", committedAt: ago(20) }],
    comments: waiting
      ? [{ author: "maint", authorAssociation: "COLLABORATOR", body: "Please add a test.", createdAt: ago(8) }]
      : [
          { author: "maint", authorAssociation: "COLLABORATOR", body: "Please add a test.", createdAt: ago(10) },
          { author: "contributor", authorAssociation: "CONTRIBUTOR", body: "Done!", createdAt: ago(2) },
        ],
  });
}

const server = await double.listen();
console.log(JSON.stringify({ port: server.port, appId: double.appId, bugs: n, pulls, due }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "quit") break;
  const requests = double.requests.filter((r) => !r.path.endsWith("/access_tokens"));
  console.log(JSON.stringify({ requests: requests.length, writes: requests.filter((r) => r.write).length }));
}
await server.close();
process.exit(0);
