//! Purpose: `bug-lifecycle init` as a lead runs it (built executable, argv and environment only), against the double over HTTP.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FLEET_CONFIG } from "../support/fleet.js";
import { WRITERS } from "../support/world.js";
import { REPO, runBin, serveDouble, type Served } from "./support/cli.js";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const MANAGED = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "~critical bug", "~unreleased bug", "~released bug"];

/** A repository on the double with `labels` and the world's people; `config` as its `.github/bug-lifecycle.yml` (none: undefined). */
async function repoWith(labels: Array<{ name: string; color: string; description?: string | null }>, config?: string): Promise<Served & { env: Record<string, string> }> {
  const s = await serveDouble({ repo: false });
  s.double.addRepo(REPO, { installation: 1, labels });
  for (const login of WRITERS) s.double.addCollaborator(REPO, login, "write");
  s.double.addCollaborator(REPO, "reader", "read");
  if (config !== undefined) s.double.setFile(REPO, ".github/bug-lifecycle.yml", config);
  return { ...s, env: { ...s.host, ...s.app } };
}

describe("bug-lifecycle init (the built CLI)", () => {
  it("an empty repository: a starter config that passes check-config, the plan, then --apply creates the managed labels; a second run writes nothing", async () => {
    const s = await repoWith([]);
    served = s;
    const plan = await runBin(["init", "--repo", REPO], s.env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain("init: acme/app has no .github/bug-lifecycle.yml: a starter config is on standard output");
    expect(plan.stderr).toContain("init: acme/app: 10 labels to create, 0 to update, 0 already right\n");
    expect(plan.stderr).toContain('  create ":reproduce" #c5def5: Inbox: waiting for QA to reproduce it (/reproduced moves it on).\n');
    expect(plan.stderr).toContain("nothing written; run again with --apply");
    expect(s.double.writes()).toEqual([]);
    // The people with write access are candidates, commented; nobody with read only.
    expect(plan.stdout).toContain("#   dev-1\n");
    expect(plan.stdout).not.toContain("reader");

    const applied = await runBin(["init", "--repo", REPO, "--apply"], s.env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("init: acme/app: created 10 labels, updated 0; no other label touched\n");
    expect(s.double.labels(REPO).map((l) => l.name).sort()).toEqual([...MANAGED].sort());
    expect(s.double.labels(REPO).find((l) => l.name === ":release")).toEqual({ name: ":release", color: "0e8a16", description: "Engineering: scheduled into a release (the group's EM owns it)." });
    const writes = s.double.writes().length;
    expect(writes).toBe(10);

    const again = await runBin(["init", "--repo", REPO, "--apply"], s.env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("0 labels to create, 0 to update, 10 already right\n");
    expect(s.double.writes()).toHaveLength(writes);
  });

  it("a repository with its own labels of other colours: the managed and group labels updated, the rest untouched; a second run writes nothing", async () => {
    const s = await repoWith(
      [
        { name: "bug", color: "ee0701", description: "Something isn't working" },
        { name: ":release", color: "ededed" },
        { name: "#g-mdm", color: "ededed" },
        { name: "enhancement", color: "a2eeef", description: "New feature or request" },
        { name: "#g-old", color: "000000", description: "A group nobody configured" },
      ],
      FLEET_CONFIG,
    );
    served = s;
    const labelsBefore = s.double.labels(REPO);
    const applied = await runBin(["init", "--repo", REPO, "--apply"], s.env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe("");
    expect(applied.stderr).toContain("init: acme/app: 9 labels to create, 3 to update, 0 already right\n");
    expect(applied.stderr).toContain('  update "bug": colour #ee0701 → #d73a4a, description → "A bug: bug-lifecycle tracks its state from the labels below."\n');
    const after = new Map(s.double.labels(REPO).map((l) => [l.name, l]));
    expect(after.get("#g-mdm")).toEqual({ name: "#g-mdm", color: "1d76db", description: "Product group: EM @mdm-em, PM @mdm-pm." });
    expect(after.get("#g-orchestration")?.description).toBe("Product group: EM @orch-em, PM @orch-pm.");
    for (const other of ["enhancement", "#g-old"]) expect(after.get(other)).toEqual(labelsBefore.find((l) => l.name === other));
    expect(after.size).toBe(14);
    const writes = s.double.writes();
    expect(writes).toHaveLength(12);
    expect(writes.every((w) => /^\/repos\/acme\/app\/labels(\/[^/]+)?$/.test(w.path))).toBe(true);

    const again = await runBin(["init", "--repo", REPO, "--apply"], s.env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("0 labels to create, 0 to update, 12 already right\n");
    expect(s.double.writes()).toHaveLength(12);
  });

  it("the starter config names the repository's #g-* labels as groups and passes check-config", async () => {
    const s = await repoWith([{ name: "#g-mdm", color: "ededed" }, { name: "#g-web", color: "ededed" }, { name: "bug", color: "ededed" }]);
    served = s;
    const run = await runBin(["init", "--repo", REPO], s.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('groups:\n  "#g-mdm": {}  # em: LOGIN, pm: LOGIN\n  "#g-web": {}  # em: LOGIN, pm: LOGIN\n');
    const folder = mkdtempSync(join(tmpdir(), "init-starter-"));
    const file = join(folder, "bug-lifecycle.yml");
    writeFileSync(file, run.stdout);
    const checked = await runBin(["check-config", file], {});
    expect(checked.stderr).toMatch(/is valid \(0 errors, \d+ warnings\)\n$/);
    expect(checked.code).toBe(0);
  });
});
