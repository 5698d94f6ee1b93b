//! Purpose: the config check through the real app (src/index.ts loaded by probot.load) against the GitHub double: check runs as GitHub keeps them.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, REPO, type Harness } from "../support/app-harness.js";
import { reproducedBug } from "../sweep/sweep-harness.js";

const FILE = ".github/bug-lifecycle.yml";
const CHECK = "bug-lifecycle config";

/** A contributor opens a PR changing `files`; the app hears `pull_request.opened` (or a later push to it). */
async function openPull(h: Harness, files: Record<string, string | null>, action: "opened" | "synchronize" | "reopened" = "opened") {
  const delivery = h.double.payload("pull_request.opened", { repo: REPO, actor: "dev-1", title: "Tune the bug process", body: "", files });
  const number = delivery.payload.pull_request.number;
  const sha = delivery.payload.pull_request.head.sha;
  const opened = await h.receive(delivery);
  if (action === "opened") return { number, sha, counts: opened };
  if (action === "synchronize") return { number, sha, counts: await h.act("pull_request.synchronize", { actor: "dev-1", number, files, message: "Push" }) };
  await h.act("pull_request.closed", { actor: "dev-1", number });
  return { number, sha, counts: await h.act("pull_request.reopened", { actor: "dev-1", number }) };
}

/** The harness's repository, with every label the default config names (so a valid file has no warning). */
async function repository(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = await createHarness(options);
  h.double.addLabel(REPO, "~released bug");
  return h;
}

const runs = (h: Harness) => h.double.checkRuns(REPO);
/** What the check read besides the PR's files: config at the head, labels, collaborators. */
const checkReads = (counts: { requests: { method: string; path: string }[] }) =>
  counts.requests.filter((r) => /\/(contents|labels|collaborators)(\/|$)|\/check-runs/.test(r.path) && !r.path.includes("/permission")).map((r) => `${r.method} ${r.path}`);

describe("the config check, through the app", () => {
  it.each(["opened", "synchronize", "reopened"] as const)("%s without touching the config: no check run, nothing read beyond the file list", async (action) => {
    const h = await repository();
    const { number, counts } = await openPull(h, { "README.md": "# hello\n", ".github/other.yml": "a: 1\n" }, action);
    expect(runs(h)).toEqual([]);
    expect(counts.requests.filter((r) => r.path === `/repos/${REPO}/pulls/${number}/files`)).toHaveLength(1);
    expect(checkReads(counts)).toEqual([]);
  });

  it("passes a valid config found on the second page of the PR's files", async () => {
    const h = await repository();
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`docs/page-${String(i).padStart(3, "0")}.md`, "text\n"]));
    const { number, sha, counts } = await openPull(h, { ...many, [FILE]: FLEET_CONFIG });
    const pages = counts.requests.filter((r) => r.path === `/repos/${REPO}/pulls/${number}/files`);
    expect(pages).toHaveLength(2);
    expect(runs(h)).toMatchObject([{ name: CHECK, headSha: sha, status: "completed", conclusion: "success", output: { title: "Valid", annotations: [] } }]);
  });

  it("is neutral with warnings, annotated on their lines", async () => {
    const h = await repository();
    const { sha } = await openPull(h, { [FILE]: `${FLEET_CONFIG}labels:\n  bug: Bug\ncommands:\n  critical: [stranger]\n` });
    const [run] = runs(h);
    expect(run).toMatchObject({ headSha: sha, conclusion: "neutral", output: { title: "2 warnings" } });
    expect(run?.output.annotations).toEqual([
      expect.objectContaining({ path: FILE, start_line: 9, end_line: 9, annotation_level: "warning", message: 'label "Bug" is spelled "bug" in this repository' }),
      expect.objectContaining({ path: FILE, start_line: 11, end_line: 11, annotation_level: "warning", message: expect.stringContaining("@stranger") }),
    ]);
  });

  it("warns when the configured bugType is not an issue type of the repository (docs/issue-types.md); reads no types with bugType: null", async () => {
    const h = await repository();
    const { counts } = await openPull(h, { [FILE]: `${FLEET_CONFIG}bugType: Defect\n` });
    const [run] = runs(h);
    expect(run).toMatchObject({ conclusion: "neutral", output: { title: "1 warning" } });
    expect(run?.output.annotations).toEqual([
      expect.objectContaining({ path: FILE, annotation_level: "warning", message: expect.stringContaining('issue type "Defect" does not exist for this repository (its types are "Task", "Bug", "Feature")') }),
    ]);
    expect(counts.requests.filter((r) => r.path === `/repos/${REPO}/issue-types`)).toHaveLength(1);

    const off = await repository();
    const quiet = await openPull(off, { [FILE]: `${FLEET_CONFIG}bugType: null\n` });
    expect(runs(off)).toMatchObject([{ conclusion: "success" }]);
    expect(quiet.counts.requests.filter((r) => r.path === `/repos/${REPO}/issue-types`)).toHaveLength(0);
  });

  it("fails an invalid config without asking for labels or people", async () => {
    const h = await repository();
    const { counts } = await openPull(h, { [FILE]: 'labels:\n  bug: "unclosed\n' });
    expect(runs(h)).toMatchObject([{ conclusion: "failure", output: { title: "1 error", annotations: [{ annotation_level: "failure", message: expect.stringContaining("YAML: Missing closing") }] } }]);
    expect(checkReads(counts).filter((r) => /\/(labels|collaborators)/.test(r))).toEqual([]);
  });

  it("passes a deleted config, saying the defaults apply", async () => {
    const h = await repository();
    await openPull(h, { [FILE]: null });
    expect(runs(h)).toMatchObject([{ conclusion: "success", output: { title: "Config deleted: defaults apply" } }]);
  });

  it("skips the login checks, and says so, when collaborators are forbidden", async () => {
    const h = await repository();
    h.double.fault({ method: "GET", path: "/repos/{owner}/{repo}/collaborators", status: 403, body: { message: "Must have push access to view repository collaborators." } });
    await openPull(h, { [FILE]: `${FLEET_CONFIG}commands:\n  critical: [stranger]\n` });
    const [run] = runs(h);
    expect(run?.conclusion).toBe("success");
    expect(run?.output.summary).toContain("Logins were not checked against the collaborators");
  });

  it("sends annotations past GitHub's 50 in updates", async () => {
    const h = await repository();
    for (let i = 0; i < 60; i++) h.double.addLabel(REPO, `#g-${i}`);
    const groups = Array.from({ length: 60 }, (_, i) => `  "#g-${i}": {}`).join("\n");
    const { counts } = await openPull(h, { [FILE]: `groups:\n${groups}\n` });
    expect(counts.requests.filter((r) => r.path.includes("/check-runs")).map((r) => r.method)).toEqual(["POST", "PATCH", "PATCH"]);
    expect(runs(h)).toHaveLength(1);
    expect(runs(h)[0]).toMatchObject({ conclusion: "neutral" });
    expect(runs(h)[0]?.output.annotations).toHaveLength(120);
  });

  it("decides but creates no check run in dry run (DRY_RUN=true)", async () => {
    const h = await repository({ env: { DRY_RUN: "true" } });
    const { counts } = await openPull(h, { [FILE]: "dryRun: nope\n" });
    expect(runs(h)).toEqual([]);
    expect(counts.requests.filter((r) => r.write)).toEqual([]);
  });

  it("a pull_request payload it cannot read (no head sha) is logged and costs no request", async () => {
    const h = await repository();
    const delivery = h.double.payload("pull_request.opened", { repo: REPO, actor: "dev-1", title: "Tune", body: "", files: { [FILE]: FLEET_CONFIG } });
    const { head: _head, ...pull } = delivery.payload.pull_request;
    const counts = await h.receive({ ...delivery, payload: { ...delivery.payload, pull_request: pull } });
    expect(counts.requests.filter((r) => r.path.includes("/files") || r.path.includes("/check-runs"))).toEqual([]);
    expect(h.logs.filter((l) => l.msg === "config check: malformed pull_request payload")).toHaveLength(1);
    expect(runs(h)).toEqual([]);
  });

  it("fails the delivery with what it was doing when GitHub fails", async () => {
    const h = await repository();
    h.double.fault({ method: "GET", path: "/repos/{owner}/{repo}/contents/{path}", status: 502, body: { message: "Bad gateway" } });
    await expect(openPull(h, { [FILE]: FLEET_CONFIG })).rejects.toThrow(new RegExp(`reading ${FILE.replace(/\./g, "\\.")} of ${REPO}#\\d+ at [0-9a-f]{40}: 502`));
    expect(runs(h)).toEqual([]);
    expect(h.logs.some((l) => l.msg === "handler failed")).toBe(true);
  });

  it("lists the rules the new config puts in shadow, with what they would write now (docs/rules.md); none: no preview read", async () => {
    const h = await repository();
    const bug = h.double.addIssue(REPO, reproducedBug(60)).number;
    const { counts } = await openPull(h, { [FILE]: `${FLEET_CONFIG}rules:\n  sixWeek: shadow\n  thanks: shadow\n` });
    const [run] = runs(h);
    expect(run).toMatchObject({ conclusion: "success" });
    expect(run?.output.summary).toContain("Rules in shadow (2)");
    expect(run?.output.summary).toMatch(/- `sixWeek` would have: .*comment ×1/);
    expect(run?.output.summary).toContain(`#${bug}: comment "Six-week rule:`);
    expect(run?.output.summary).toContain("- `thanks` would have: nothing now");
    expect(counts.writes).toBe(1);
    expect(h.issue(bug).comments.filter((c) => c.author === "bug-lifecycle[bot]")).toEqual([]);

    const plain = await repository();
    plain.double.addIssue(REPO, reproducedBug(60));
    const quiet = await openPull(plain, { [FILE]: FLEET_CONFIG });
    expect(runs(plain)[0]?.output.summary).not.toContain("shadow");
    expect(quiet.counts.requests.filter((r) => r.path === "/graphql")).toEqual([]);
  });
});
