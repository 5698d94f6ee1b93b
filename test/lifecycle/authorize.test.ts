//! Purpose: docs/contract.md §3 as a table: who may run which command, with the config's narrowing.
import { describe, expect, it } from "vitest";
import { authorize } from "../../src/lifecycle/authorize.js";
import type { CommandName } from "../../src/lifecycle/config.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { Actor } from "../../src/lifecycle/types.js";
import { fleetConfig, issue, maintainer, NOW, reporter, stranger } from "../support/fixtures.js";

const narrowed = fleetConfig({ commands: { "qa-passed": ["qa"], release: ["em", "someone"], critical: ["headOfProduct"] } });
const as = (login: string, isMaintainer = true): Actor => ({ login, isBot: false, isMaintainer });

type Row = [name: string, command: CommandName, actor: Actor, ok: boolean];
const rows: Row[] = [
  ["a maintainer may run a state command", "reproduced", maintainer, true],
  ["a non-maintainer may not", "reproduced", stranger, false],
  ["anyone may ask /why", "why", stranger, true],
  ["the issue's author may /reopen", "reopen", reporter, true],
  ["a stranger may not /reopen", "reopen", stranger, false],
  ["maintainers may /reopen", "reopen", maintainer, true],
  ["narrowed to qa: QA may", "qa-passed", as("QA-Lead"), true],
  ["narrowed to qa: another maintainer may not", "qa-passed", maintainer, false],
  ["narrowed to qa: QA without write access may not", "qa-passed", as("qa-lead", false), false],
  ["narrowed to em or a login: an EM may", "release", as("mdm-em"), true],
  ["narrowed to em or a login: the login may", "release", as("someone"), true],
  ["narrowed to em or a login: a PM may not", "release", as("mdm-pm"), false],
  ["narrowed to headOfProduct", "critical", as("product-head"), true],
  ["commands not narrowed stay open to maintainers", "product", as("mdm-pm"), true],
];

describe("authorize (docs/contract.md §3)", () => {
  it.each(rows)("%s", (_name, command, actor, ok) => {
    expect(authorize(command, actor, issue(["bug"]), narrowed).ok).toBe(ok);
  });

  it("a refusal says who can run the command, and changes nothing", () => {
    const decision = transition(
      issue(["bug", ":release", "~awaiting QA"]),
      { kind: "commented", comment: { id: 1, nodeId: "IC_1", body: "/qa-passed" }, actor: maintainer },
      narrowed,
      NOW,
    );
    expect(decision.effects).toHaveLength(1);
    expect(decision.effects[0]).toMatchObject({ type: "comment", key: "reply:1" });
    expect(decision.effects[0]?.type === "comment" && decision.effects[0].body).toContain("QA");
  });

  it("comments by bots are ignored entirely", () => {
    const decision = transition(
      issue(["bug", ":reproduce"]),
      { kind: "commented", comment: { id: 1, nodeId: "IC_1", body: "/reproduced #g-mdm" }, actor: { login: "x[bot]", isBot: true, isMaintainer: true } },
      narrowed,
      NOW,
    );
    expect(decision.effects).toEqual([]);
  });
});
