//! Purpose: the committed JSON Schema is the zod schema's current image, and editors judge configs as the bot does.
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, configJsonSchema, renderConfigJsonSchema, type JsonSchema } from "../../src/config/json-schema.js";
import { checkConfigText } from "../../src/config/lint.js";
import { configSchema } from "../../src/lifecycle/config.js";
import { validateSchema } from "@bug-lifecycle/github-double";

const root = new URL("../../", import.meta.url);
const schema = configJsonSchema();
const jsonSchemaErrors = (value: unknown) =>
  validateSchema(schema, value, {
    resolve: (ref) => {
      throw new Error(`the config schema should inline everything, found ${ref}`);
    },
  });

describe("the committed JSON Schema", () => {
  it(`is up to date (run \`npm run schema\` after changing src/lifecycle/config.ts)`, () => {
    const committed = readFileSync(new URL(SCHEMA_FILE, root), "utf8");
    expect(committed, `${SCHEMA_FILE} is stale: run \`npm run schema\` and commit the result`).toBe(
      renderConfigJsonSchema(),
    );
  });

  it("describes every setting, so editors can explain it on hover", () => {
    const undocumented: string[] = [];
    const walk = (node: JsonSchema, path: string) => {
      for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
        if (typeof child.description !== "string") undocumented.push(`${path}.${name}`);
        walk(child, `${path}.${name}`);
      }
      if (typeof node.additionalProperties === "object") walk(node.additionalProperties as JsonSchema, `${path}.*`);
    };
    walk(schema, "$");
    expect(undocumented).toEqual([]);
  });
});

describe("zod and the JSON Schema agree", () => {
  it.each([
    ["an empty config", {}, true],
    ["a full group", { groups: { "#g-mdm": { em: "mdm-em", pm: "mdm-pm" } }, defaultGroup: "#g-mdm" }, true],
    ["a narrowed command", { commands: { critical: ["em", "alice"] } }, true],
    ["a message override", { messages: { thanks: "Thanks @{author}!" } }, true],
    ["Probot's _extends", { _extends: ".github" }, true],
    ["an unknown top-level key", { label: {} }, false],
    ["an unknown label key", { labels: { bugg: "x" } }, false],
    ["an unknown group setting", { groups: { "#g-mdm": { qa: "x" } } }, false],
    ["an unknown command", { commands: { reproduce: ["qa"] } }, false],
    ["an empty command rule", { commands: { critical: [] } }, false],
    ["an unknown message", { messages: { thank: "hi" } }, false],
    ["a login with a space", { people: { qa: ["a b"] } }, false],
    ["negative days", { needsInfo: { closeAfterDays: -1 } }, false],
    ["fractional days", { reprioritizeAfterDays: 1.5 }, false],
    ["a report issue of zero", { report: { issue: 0 } }, false],
    ["no sweep writes", { sweep: { maxWrites: 0 } }, false],
    ["a string where a boolean goes", { dryRun: "yes" }, false],
    ["a board", { board: { project: "https://github.com/orgs/acme/projects/7", columns: { inbox: "Inbox", closed: "Done" } } }, true],
    ["a board on a user project", { board: { project: "https://github.com/users/alice/projects/7" } }, false],
    ["a board column for an unknown state", { board: { project: "https://github.com/orgs/acme/projects/7", columns: { triage: "T" } } }, false],
    ["a board without a project", { board: { columns: { inbox: "Inbox" } } }, false],
  ])("on %s", (_name, input, valid) => {
    const { _extends, ...rest } = input as Record<string, unknown>;
    expect(configSchema.safeParse(_extends === undefined ? input : rest).success).toBe(valid);
    expect(jsonSchemaErrors(input).length === 0).toBe(valid);
  });

  // What JSON Schema cannot express stays zod-only: the bot is stricter than the editor, never looser.
  it.each([
    ["an unknown time zone", { timezone: "Mars/Olympus" }],
    ["a default group that is not a group", { defaultGroup: "#g-cx" }],
    ["one label for two states", { labels: { product: ":reproduce" } }],
  ])("leaves %s to zod", (_name, input) => {
    expect(jsonSchemaErrors(input)).toEqual([]);
    expect(configSchema.safeParse(input).success).toBe(false);
  });
});

describe("example configs", () => {
  // `*-workflow.yml` are GitHub Actions workflows (the sweep's), not configs.
  const examples = readdirSync(new URL("examples/", root)).filter((file) => /\.ya?ml$/.test(file) && !file.endsWith("-workflow.yml"));

  it("exist", () => {
    expect(examples).toContain("fleet.yml");
  });

  it.each(examples)("%s points editors at the schema and is valid for editor and bot alike", (file) => {
    const text = readFileSync(new URL(`examples/${file}`, root), "utf8");
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=../${SCHEMA_FILE}`);
    expect(jsonSchemaErrors(parse(text))).toEqual([]);
    const { config, problems } = checkConfigText(text);
    expect(problems).toEqual([]);
    expect(config).not.toBeNull();
  });
});
