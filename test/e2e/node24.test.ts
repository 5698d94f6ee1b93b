//! Purpose: the server and the CLI as processes on Node 24 (the node24 optional dependency, Linux x64), the current LTS: a few deliveries through the built server, a CLI sweep and report. The rest of the suite runs them on the machine's Node.
import { afterEach, describe, expect, it } from "vitest";
import { addNeedsInfoBug, REPO, runBin, serveDouble, type Served } from "./support/cli.js";
import { NODE24, NODE24_PLATFORM } from "./support/server.js";
import { createWorld, type World } from "./support/world.js";

let world: World | undefined;
let served: Served | undefined;
afterEach(async () => {
  await world?.stop();
  await served?.close();
  world = undefined;
  served = undefined;
});

describe.skipIf(!NODE24_PLATFORM)("on Node 24", () => {
  it("the built server: a bug opened, then reproduced by a command, as on the machine's Node", async () => {
    world = await createWorld({ node: NODE24 });
    const version = await fetch(`${world.server.url}/ping`);
    expect(version.status).toBe(200);
    expect((await world.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes", body: "Steps" })).status).toBe(200);
    await world.settled();
    expect(world.issue(1).labels.sort()).toEqual([":reproduce", "bug"]);
    expect((await world.act("issue_comment.created", { actor: "qa-lead", number: 1, body: "/reproduced #g-mdm" })).status).toBe(200);
    await world.settled();
    expect(world.issue(1).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(world.issue(1).assignees).toEqual(["mdm-em"]);
    expect(world.server.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(world.server.output.join("\n")).not.toMatch(/DeprecationWarning|ExperimentalWarning/);
  });

  it("the built CLI: a sweep fires the due reminder, the report reads the repository", async () => {
    served = await serveDouble();
    served.double.addToken("ghp_sweeper", "maint");
    const number = addNeedsInfoBug(served.double, 15);
    const env = { ...served.host, GITHUB_TOKEN: "ghp_sweeper" };
    const sweep = await runBin(["sweep", "--repo", REPO], env, { node: NODE24 });
    expect(sweep.stderr).toMatch(/^sweep: 1 repositories, 1 open bugs, 0 open PRs: needs-info-reminder 1; /);
    expect(sweep.code).toBe(0);
    expect(served.double.issue(REPO, number).comments.filter((c) => c.author !== "qa-lead")).toHaveLength(1);
    const report = await runBin(["report", REPO], env, { node: NODE24 });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^## Bug report: acme\/app, \d{4}-W\d{2}\n/);
    expect(sweep.stderr + report.stderr).not.toMatch(/DeprecationWarning|ExperimentalWarning/);
  });
});
