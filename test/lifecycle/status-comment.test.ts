//! Purpose: the status comment's text in the core: which comments fold into it, and what it shows (`/why`'s text, the history, the markers it keeps).
import { describe, expect, it } from "vitest";
import { say } from "../../src/lifecycle/say.js";
import { folds, renderStatus } from "../../src/lifecycle/status-comment.js";
import { fieldsOf, recordIn } from "../../src/lifecycle/status-record.js";
import { markersIn } from "../../src/lifecycle/markers.js";
import type { Effect } from "../../src/lifecycle/types.js";
import { explain } from "../../src/lifecycle/why.js";
import { fleetConfig, issue, NOW } from "../support/fixtures.js";

const config = fleetConfig({ statusComment: true } as never);
const comment = (key: string, body: string): Effect => ({ type: "comment", issue: 7, key, body });

describe("which comments fold into the status comment", () => {
  it.each<[string, Effect, boolean]>([
    ["the release note (mentions nobody)", comment("released:3", say(config, "released", { milestone: "4.60.0" })), true],
    ["the acknowledgement mentions the reporter", comment("acknowledge", say(config, "acknowledge", { reporter: "reporter", slaBusinessDays: 1 })), false],
    ["a reminder mentions the reporter", comment("needs-info-reminder:x", say(config, "needsInfoReminder", { reporter: "reporter", days: 14 })), false],
    ["QA-failed notes mention the assignees", comment("qa-failed:5", say(config, "qaFailed", { assignees: "@dev-1", notes: "> still" })), false],
    ["an answer to a person stays, mentions or not", comment("reply:5", "`/release` applies to bugs in `reproduced`."), false],
    ["/why's answer stays", comment("why:5", "**State:** `inbox`"), false],
    ["a login in code is no mention", comment("released:4", "Released in `@scope/pkg` 4.60.0."), true],
    ["not a comment", { type: "close", issue: 7, reason: "completed" }, false],
  ])("%s", (_name, effect, expected) => {
    expect(folds(effect)).toBe(expected);
  });
});

describe("the status comment's text", () => {
  const before = issue(["bug", ":reproduce"], ["qa-lead"]);
  const after = issue(["bug", "#g-mdm"], ["mdm-em"]);
  const entry = { at: NOW.toISOString(), rule: "/reproduced: QA reproduced the bug", by: "qa-lead", before: fieldsOf(before), after: fieldsOf(after), notes: ["Released in 4.60.0."] };
  const snapshot = { ...after, status: { entries: [entry] } };
  const body = renderStatus({ issue: snapshot, keys: ["released:3"], restore: { labels: ["bug"], assignees: [] } }, config, NOW);

  it("shows what /why says, then the folded history", () => {
    expect(body).toContain(explain(snapshot, config, NOW));
    expect(body).toContain("<details><summary>History: the last 1 transition(s)</summary>");
    expect(body).toContain("`/reproduced: QA reproduced the bug` (qa-lead): +`#g-mdm`, −`:reproduce`, assigned mdm-em, unassigned qa-lead");
    expect(body).toContain("  > Released in 4.60.0.");
  });

  it("keeps its own marker, the folded comments' markers, the saved restore and the record", () => {
    expect(markersIn(body)).toEqual(["status", "released:3"]);
    expect(body).toContain('<!-- bug-lifecycle-restore {"labels":["bug"],"assignees":[]} -->');
    expect(recordIn(body)).toEqual({ entries: [entry] });
  });

  it("pings nobody in its history: logins without @", () => {
    const history = body.slice(body.indexOf("<details>"));
    expect(history).not.toMatch(/@[a-z]/);
  });
});
