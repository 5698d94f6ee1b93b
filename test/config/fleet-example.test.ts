//! Purpose: examples/fleet.yml is Fleet's handbook process, complete, and clean even against a real repository.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfigText } from "../../src/config/lint.js";
import { configSchema, type Config } from "../../src/lifecycle/config.js";
import { parse } from "yaml";

const text = readFileSync(new URL("../../examples/fleet.yml", import.meta.url), "utf8");
const { config, problems } = checkConfigText(text);

describe("examples/fleet.yml", () => {
  it("has no problems", () => {
    expect(problems).toEqual([]);
  });

  it("carries the handbook's groups and timers", () => {
    const fleet = config as Config;
    expect(Object.keys(fleet.groups)).toEqual(["#g-mdm", "#g-orchestration", "#g-software"]);
    expect(fleet.needsInfo).toEqual({ remindAfterDays: 14, closeAfterDays: 28 });
    expect(fleet.inbox.slaBusinessDays).toBe(1);
    expect(fleet.reprioritizeAfterDays).toBe(42);
    expect(fleet.pullRequests).toMatchObject({ draftAfterDays: 7, closeAfterDays: 365 });
    expect(fleet.timezone).toBe("America/Los_Angeles");
  });

  it("sets every top-level key, so it documents them all", () => {
    const written = Object.keys(parse(text) as object);
    const settings = Object.keys(configSchema.shape).filter((key) => key !== "$schema");
    expect(settings.filter((key) => !written.includes(key))).toEqual([]);
  });

  it("has no warnings in a repository that has its labels and people", () => {
    const fleet = config as Config;
    const labels = [
      ...Object.entries(fleet.labels).filter(([key]) => !key.endsWith("Prefix")).map(([, name]) => name),
      ...Object.keys(fleet.groups),
    ];
    const collaborators = [
      ...fleet.people.qa,
      fleet.people.headOfProduct ?? "",
      ...Object.values(fleet.groups).flatMap((group) => [group.em ?? "", group.pm ?? ""]),
    ];
    expect(checkConfigText(text, { labels, collaborators }).problems).toEqual([]);
  });
});
