//! Purpose: every example scenario plays green through the real app, with its key outcomes; the CLI's output and errors.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, play, simulateCli, simulateFile, type PlayResult } from "@bug-lifecycle/simulate";
import { runCli } from "../../src/cli/run.js";

const DIR = "examples/scenarios";
const files = readdirSync(DIR).filter((file) => file.endsWith(".yml")).sort();

async function playFile(file: string): Promise<PlayResult> {
  const loaded = loadScenario(readFileSync(join(DIR, file), "utf8"));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join("\n"));
  expect(loaded.warnings).toEqual([]);
  return play(loaded.scenario);
}

const rulesSwept = (result: PlayResult) => result.steps.flatMap((step) => Object.keys(step.sweep ?? {}));
const finalState = (result: PlayResult, number: number) => result.steps.at(-1)?.issues.find((issue) => issue.number === number)?.state;
const commentsOn = (result: PlayResult, number: number) => result.steps.flatMap((step) => step.comments.filter((c) => c.issue === number));

/** What each handbook path must show, beyond the scenario's own `expect:` steps. */
const outcomes: Record<string, (result: PlayResult) => void> = {
  "community-bug-goes-stale.yml": (result) => {
    expect(rulesSwept(result)).toEqual(["needs-info-reminder", "needs-info-close"]);
    expect(result.steps.some((step) => step.issues.some((issue) => issue.state === "closed (not planned)"))).toBe(true);
    expect(finalState(result, 1)).toBe("inbox");
  },
  "critical-bug.yml": (result) => {
    expect(commentsOn(result, 1).filter((c) => c.body.includes("Critical bug"))).toHaveLength(1);
    expect(finalState(result, 1)).toBe("engineering");
  },
  "unreleased-bug.yml": (result) => {
    expect(result.steps.flatMap((step) => step.writes).some((write) => write.action === "set-milestone")).toBe(true);
    expect(finalState(result, 1)).toBe("closed (completed)");
  },
  "qa-fail-then-pass.yml": (result) => {
    const states = result.steps.map((step) => step.issues.find((issue) => issue.number === 1)?.state);
    expect(states).toEqual(expect.arrayContaining(["awaiting-qa", "engineering", "ready-for-release", "closed (completed)"]));
    expect(commentsOn(result, 2).some((c) => c.body.includes("closing keyword"))).toBe(true);
  },
  "fixes-keyword-merged.yml": (result) => {
    // GitHub closed #1 on merge; it ends open in awaiting QA with one bot comment; #2, closed by a person, stays closed.
    expect(finalState(result, 1)).toBe("awaiting-qa");
    expect(commentsOn(result, 1).filter((c) => c.body.includes("/pull/3"))).toHaveLength(1);
    expect(result.steps.flatMap((step) => step.writes).some((write) => write.action === "reopen" && write.issue === 1)).toBe(true);
    expect(finalState(result, 2)).toBe("closed (not planned)");
  },
  "bugs-board.yml": (result) => {
    // The card follows every transition, a maintainer's drag is /release, a community member's is put back.
    const columns = result.steps.map((step) => step.issues.find((issue) => issue.number === 1)?.column);
    expect(columns).toEqual(expect.arrayContaining(["Inbox", "Reproduced", "In engineering", "Awaiting QA", "Ready for release", "Done"]));
    expect(commentsOn(result, 1).filter((c) => c.body.includes("put this card back"))).toHaveLength(1);
    expect(finalState(result, 1)).toBe("closed (completed)");
  },
  "community-pr-waiting-on-us.yml": (result) => {
    // Two waiting periods, one reminder each, to the requested reviewer rather than QA.
    expect(rulesSwept(result)).toEqual(["pr-response", "pr-response"]);
    const reminders = commentsOn(result, 1).filter((c) => c.body.includes("waiting on us"));
    expect(reminders).toHaveLength(2);
    for (const reminder of reminders) expect(reminder.body).toContain("@mdm-em");
    expect(reminders.map((c) => c.body).join("\n")).not.toContain("@qa-lead");
  },
  "critical-escalation.yml": (result) => {
    // The delayed job fires it, once, on time; the sweeps after it find nothing left to do.
    expect(result.steps.flatMap((step) => step.timers ?? [])).toEqual(["critical-escalation #1", "critical-escalation #2"]);
    const fired = result.steps.find((step) => step.timers?.length);
    expect(fired?.comments.map((c) => c.issue)).toEqual([1]);
    expect(rulesSwept(result)).toEqual([]);
    expect(commentsOn(result, 1).filter((c) => c.body.includes("escalating"))).toHaveLength(1);
    expect(commentsOn(result, 2).filter((c) => c.body.includes("escalating"))).toEqual([]);
  },
  "typed-bug-answered-on-a-pull-request.yml": (result) => {
    // The reporter's push answered the request: the sweep said so once; no reminder, no close, ever.
    expect(rulesSwept(result)).toContain("needs-info-answered");
    expect(rulesSwept(result)).not.toContain("needs-info-reminder");
    expect(rulesSwept(result)).not.toContain("needs-info-close");
  },
  "six-week-rule.yml": (result) => {
    expect(rulesSwept(result)).toEqual(["six-week-rule"]);
    expect(finalState(result, 2)).toBe("engineering");
  },
};

describe("example scenarios", () => {
  it("cover every path of the handbook docs/simulate.md lists", () => {
    expect(files).toEqual(Object.keys(outcomes).sort());
  });

  it.each(files)("%s plays through the real app with every check passing", async (file) => {
    const result = await playFile(file);
    expect(result.steps.flatMap((step) => step.problems)).toEqual([]);
    expect(result.ok).toBe(true);
    outcomes[file]?.(result);
  });
});

describe("bug-lifecycle-simulate", () => {
  const capture = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
  };

  it("prints each step's writes, the bot's comments and every issue's state; exit 0", async () => {
    const { out, io } = capture();
    expect(await simulateCli([join(DIR, "critical-bug.yml")], io)).toBe(0);
    expect(out.stdout).toContain('orch-em comments on #1: "/critical"');
    expect(out.stdout).toContain("#1 add-labels :release, ~critical bug");
    expect(out.stdout).toContain("│ 🚨 **Critical bug** raised by @orch-em.");
    expect(out.stdout).toMatch(/\* #1 engineering · .*~critical bug · assigned: orch-em/);
    expect(out.stdout).not.toContain("<!--");
  });

  it("a failed expect: is shown on its step and exits 1", async () => {
    const { out, io } = capture();
    const text = "steps:\n  - open: { by: reporter, labels: [bug] }\n  - expect: { on: 1, state: engineering }\n";
    expect(await simulateFile("s.yml", "text", io, async () => text)).toBe(1);
    expect(out.stdout).toContain("✗ line 3: #1 is inbox, expected engineering");
  });

  it("--format json gives the same run as data", async () => {
    const { out, io } = capture();
    expect(await simulateCli(["--format", "json", join(DIR, "six-week-rule.yml")], io)).toBe(0);
    const result = JSON.parse(out.stdout) as PlayResult;
    expect(rulesSwept(result)).toEqual(["six-week-rule"]);
  });

  it("an invalid scenario gets one line per problem with its position, and exit 2", async () => {
    const { out, io } = capture();
    const text = ["steps:", "  - commnet: { by: qa-lead, on: 1, body: hi }", "  - wait: fifteen days", "config:", "  grups: {}", ""].join("\n");
    expect(await simulateFile("s.yml", "text", io, async () => text)).toBe(2);
    expect(out.stderr).toContain("s.yml:2:5 error steps[0].commnet: unknown step `commnet`; did you mean `comment`?");
    expect(out.stderr).toContain("s.yml:3:11 error steps[1].wait: expected a duration such as `15 days` or `3 hours`");
    expect(out.stderr).toContain('s.yml:5:3 error config: unknown key "grups"; did you mean "groups"?');
    expect(out.stdout).toBe("");
  });

  it("a step the repository cannot take (an unknown issue) is reported with its line", async () => {
    const { out, io } = capture();
    const text = "steps:\n  - comment: { by: maint, on: 9, body: /why }\n";
    expect(await simulateFile("s.yml", "text", io, async () => text)).toBe(1);
    expect(out.stdout).toContain("✗ line 2: there is no #9 at this point (the repository has no issues yet)");
  });

  it("`bug-lifecycle simulate` (the app's CLI, which no longer carries it) says in one line how to run it now; exit 2", async () => {
    const { out, io } = capture();
    expect(await runCli(["simulate", join(DIR, "critical-bug.yml")], io)).toBe(2);
    expect(out.stderr).toMatch(/^simulate: moved .*`npm run simulate -- SCENARIO\.yml` \(docs\/simulate\.md\)\n$/);
    expect(out.stdout).toBe("");
  });
});
