//! Purpose: docs/configuration.md's reference is the config schema's current image (`npm run docs:config` regenerates it), and it names every key.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema, type JsonSchema } from "../../src/config/json-schema.js";
import { REFERENCE_FILE, renderConfigReference, withCurrentReference } from "../../src/config/reference.js";

const page = readFileSync(new URL(`../../${REFERENCE_FILE}`, import.meta.url), "utf8");

describe("the configuration reference", () => {
  it("is current: run `npm run docs:config` after changing src/lifecycle/config.ts", () => {
    expect(page, `${REFERENCE_FILE} is stale: run \`npm run docs:config\` and commit the result`).toBe(withCurrentReference(page));
  });

  it("has a row for every key two levels deep, with its default", () => {
    const reference = renderConfigReference();
    const schema = configJsonSchema();
    for (const [name, node] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      if (name === "$schema") continue;
      expect(reference).toContain(`### \`${name}\``);
      for (const key of Object.keys((node.properties ?? {}) as object)) expect(reference).toContain(`| \`${name}.${key}\` |`);
    }
    expect(reference).toContain("| `needsInfo.remindAfterDays` | integer | `14` |");
  });

  it("follows the schema: a new key shows up in the rendering", () => {
    const schema = configJsonSchema();
    const labels = (schema.properties as Record<string, JsonSchema>).labels!;
    (labels.properties as Record<string, JsonSchema>).brandNew = { type: "string", default: "new", description: "A key added later." };
    expect(renderConfigReference(schema)).toContain("| `labels.brandNew` | string | `\"new\"` | A key added later. |");
  });
});
