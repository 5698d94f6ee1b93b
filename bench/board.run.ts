//! Purpose: `npm run bench:board`: requests per transition with the bugs board, and the drift sweep on 1,000 bugs with 30 drifted.
import { it } from "vitest";
import type { RequestRecord } from "@bug-lifecycle/github-double";
import { createHarness, FLEET_CONFIG, seedBug } from "../test/support/app-harness.js";
import { ago, BOT, CONFIG, createSweepHarness, REPO, reproducedBug } from "../test/sweep/sweep-harness.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const BOARD = `board:
  project: https://github.com/orgs/acme/projects/7
  columns: { inbox: Inbox, reproduced: Reproduced, drafting: Product drafting, engineering: In engineering, awaiting-qa: Awaiting QA, ready-for-release: Ready for release, closed: Done }
`;

const names = (requests: RequestRecord[], write: boolean) =>
  requests.filter((r) => r.write === write).map((r) => (r.kind === "graphql" ? `GraphQL ${r.operationNames?.join("+") ?? ""}` : `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`));

async function transitions(): Promise<string[]> {
  const lines = ["| transition | board | reads / writes | what the writes are | what the reads are |", "|---|---|---|---|---|"];
  const row = (what: string, board: string, counts: { reads: number; writes: number; requests: RequestRecord[] }) =>
    lines.push(`| ${what} | ${board} | ${counts.reads} / ${counts.writes} | ${names(counts.requests, true).join("; ") || "—"} | ${names(counts.requests, false).join(", ") || "—"} |`);
  for (const withBoard of [false, true]) {
    const h = await createHarness({ config: withBoard ? `${FLEET_CONFIG}${BOARD}` : FLEET_CONFIG });
    if (withBoard) h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
    const label = withBoard ? "yes" : "none";
    // Warm the config, permissions and ids on another bug, as a busy repository keeps them.
    const warm = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: warm, body: "/reproduced #g-mdm" });
    await h.act("issue_comment.created", { actor: "mdm-em", number: warm, body: "/release" });
    row("bug opened (community) → inbox", withBoard ? "new card" : label, await h.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash" }));
    const onBoard = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    if (withBoard) h.double.addCard("acme", 7, REPO, onBoard, "maint", "Inbox");
    row("/reproduced #g-mdm", withBoard ? "card on the board, first seen" : label, await h.act("issue_comment.created", { actor: "qa-lead", number: onBoard, body: "/reproduced #g-mdm" }));
    row("/release", withBoard ? "card known" : label, await h.act("issue_comment.created", { actor: "mdm-em", number: onBoard, body: "/release" }));
  }
  return lines;
}

/** 1,000 bugs in `reproduced`; `drifted` of them drifted four ways (labels later, a maintainer's move, an unattributed move, no card). */
async function driftSweep(drifted: number, board: boolean): Promise<string> {
  const h = createSweepHarness({ config: board ? `${CONFIG}${BOARD}` : CONFIG });
  if (board) h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  const card = (n: number, actor: string, option: string, at: string) => h.double.addCard("acme", 7, REPO, n, actor, option, at);
  const every = drifted ? Math.floor(990 / drifted) : Infinity;
  for (let i = 0; i < 1000; i++) {
    const kind = board && i % every === 0 && i / every < drifted ? (i / every) % 4 : -1;
    const { number } = h.double.addIssue(REPO, reproducedBug(kind === 0 ? 2 : 4));
    if (!board) continue;
    if (kind === -1) card(number, BOT, "Reproduced", ago(4, 3));
    if (kind === 0) card(number, BOT, "Inbox", ago(3));
    if (kind === 1) card(number, "maint", "In engineering", ago(1));
    if (kind === 2) {
      card(number, BOT, "Reproduced", ago(4, 3));
      h.double.moveCard("acme", 7, REPO, number, "Product drafting", "maint", "Status", ago(1));
    }
  }
  const cards = board ? h.double.board("acme", 7).size : 0;
  const started = performance.now();
  const summary = await h.sweep();
  const ms = performance.now() - started;
  const requests = h.requests();
  const pages = requests.filter((r) => r.operationNames?.includes("organization")).length;
  const adds = requests.filter((r) => r.operationNames?.includes("addProjectV2ItemById")).length;
  const repaired = summary.actions["board-drift"] ?? 0;
  return `| ${board ? `yes, ${cards} cards` : "none"} | ${board ? drifted : "—"} | ${repaired} | ${requests.length} / ${requests.filter((r) => r.write).length} | ${board ? `${pages} (⌈${cards}/100⌉ = ${Math.ceil(cards / 100)})` : "—"} | ${adds} | ${(ms / 1000).toFixed(1)} s |`;
}

it("requests per transition with a board, and the drift sweep", async () => {
  const lines = await transitions();
  lines.push(
    "",
    "| 1,000 open bugs: board | drifted | repaired | sweep requests / writes | board pages read | cards added | wall time (in process, no pacing) |",
    "|---|---|---|---|---|---|---|",
    await driftSweep(0, false),
    await driftSweep(0, true),
    await driftSweep(30, true),
  );
  console.log(lines.join("\n"));
});
