//! Purpose: the published JSON Schema of the config file, generated from the zod schema so the two never drift.
import { z } from "zod";
import { configSchema } from "../lifecycle/config.js";

/** Where the generated schema is committed, relative to the package root. */
export const SCHEMA_FILE = "schema/bug-lifecycle.schema.json";

export type JsonSchema = { [keyword: string]: unknown };

export function configJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(configSchema, {
    // draft-07 is what editors (yaml-language-server, VS Code) understand best.
    target: "draft-07",
    // The input side: keys with defaults are optional for the person writing the file.
    io: "input",
    override: ({ jsonSchema }) => {
      // `.int()` adds the safe-integer bound: noise in an editor's hover, never a real limit.
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as JsonSchema;
  const properties = generated.properties as Record<string, JsonSchema>;
  return {
    $schema: generated.$schema,
    title: "bug-lifecycle configuration (.github/bug-lifecycle.yml)",
    ...generated,
    properties: {
      ...properties,
      // Probot reads and removes `_extends` before the bot sees the config, so zod never does; editors must accept it.
      _extends: {
        type: "string",
        description:
          "Probot: inherit the config of another repository (`.github`, `other-repo` or " +
          "`owner/repo:path/file.yml`); keys here override it.",
      },
    },
  };
}

/** The exact text of the committed file: stable key order, two-space indent, final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** The keys an object at `path` may have, for "did you mean" hints; empty when the path is not an object. */
export function knownKeysAt(path: readonly (string | number)[], schema: JsonSchema = configJsonSchema()): string[] {
  let node: JsonSchema | undefined = schema;
  for (const segment of path) {
    node = node && objectBranch(node);
    if (!node) return [];
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    const child: unknown =
      typeof segment === "number" ? node.items : (properties?.[segment] ?? node.additionalProperties);
    node = typeof child === "object" && child !== null ? (child as JsonSchema) : undefined;
  }
  const object = node && objectBranch(node);
  const propertyNames = object?.propertyNames as JsonSchema | undefined;
  const names = Array.isArray(propertyNames?.enum) ? (propertyNames.enum as string[]) : [];
  return [...Object.keys((object?.properties as object | undefined) ?? {}), ...names];
}

/** Nullable fields are `anyOf: [X, null]`; the object or array is the branch worth walking. */
function objectBranch(node: JsonSchema): JsonSchema | undefined {
  if (node.properties || node.additionalProperties || node.items || node.propertyNames) return node;
  const branches = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  return branches?.find((branch) => branch.properties || branch.additionalProperties || branch.items);
}
