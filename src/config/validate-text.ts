//! Purpose: turn the text of a config file into a Config or positioned problems; never throws, whatever the text.
import { LineCounter, type Document, type YAMLError } from "yaml";
import { oversized, parseYaml, tooLargeMessage, type DuplicateKey } from "./bounded-yaml.js";
import type { z } from "zod";
import { configSchema, type Config } from "../lifecycle/config.js";
import { configJsonSchema, knownKeysAt, type JsonSchema } from "./json-schema.js";
import { closest } from "./closest.js";
import { formatPath, sortProblems, startOfFile, type Locate, type Problem } from "./problem.js";
import { locatorFor } from "./yaml-locate.js";

export interface ValidatedConfig {
  /** The parsed config with defaults applied; null when there is any error. */
  config: Config | null;
  /** Sorted by position. */
  problems: Problem[];
  /** Positions of config paths in this text, for problems found later (see `lintConfig`). */
  locate: Locate;
  /** The `_extends` value, when the file inherits from another config (Probot merges it at run time). */
  extends: string | null;
}

export function validateConfigText(text: string): ValidatedConfig {
  // Over the limit: one problem, and no parse (its time, and a list of its errors, would grow with the file).
  const bytes = oversized(text);
  if (bytes !== null) return broken(tooLargeMessage(bytes));
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  let duplicates: DuplicateKey[];
  try {
    ({ document, duplicates } = parseYaml(text, lineCounter));
  } catch (error) {
    return broken(`cannot parse the YAML: ${describe(error)}`);
  }
  const locate = locatorFor(document, lineCounter);
  const yamlProblem = (error: YAMLError, severity: Problem["severity"]): Problem => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { severity, message: `YAML: ${error.message}`, path: [], line, column: col };
  };
  const problems = [
    ...document.errors.map((error) => yamlProblem(error, "error")),
    ...duplicates.map((duplicate): Problem => ({ severity: "error", message: `YAML: Map keys must be unique (${JSON.stringify(duplicate.key)} appears twice)`, path: [], ...position(lineCounter, duplicate.offset) })),
    ...document.warnings.map((warning) => yamlProblem(warning, "warning")),
  ];
  const done = (config: Config | null, inherits: string | null = null): ValidatedConfig => ({
    config,
    problems: sortProblems(problems),
    locate,
    extends: inherits,
  });
  if (document.errors.length > 0 || duplicates.length > 0) return done(null);

  let data: unknown;
  try {
    // A small alias budget: a "billion laughs" file must fail here, not exhaust the bot's memory.
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    problems.push({ severity: "error", message: `YAML: ${describe(error)}`, path: [], ...startOfFile([]) });
    return done(null);
  }

  const { rest, inherits, problem } = splitExtends(data, locate);
  if (problem) problems.push(problem);
  const parsed = configSchema.safeParse(rest);
  let errors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => zodProblems(issue, locate));
  if (inherits) {
    // `defaultGroup` may name a group of the config this file extends: unknowable here, so only a warning.
    const inherited = (p: Problem) => p.severity === "error" && p.path.length === 1 && p.path[0] === "defaultGroup";
    errors = errors.map((p) => (inherited(p) ? { ...p, severity: "warning" as const, message: `${p.message} (unless \`${inherits}\` defines it)` } : p));
  }
  problems.push(...errors);
  const valid = !problem && errors.every((p) => p.severity !== "error");
  return done(valid ? (parsed.success ? parsed.data : configSchema.parse({ ...(rest as object), defaultGroup: null })) : null, inherits);
}

/** Probot's `_extends` is not part of the bot's config: take it out before zod sees the rest. */
function splitExtends(data: unknown, locate: Locate): { rest: unknown; inherits: string | null; problem?: Problem } {
  if (typeof data !== "object" || data === null || Array.isArray(data) || !("_extends" in data)) {
    return { rest: data, inherits: null };
  }
  const { _extends: inherits, ...rest } = data as Record<string, unknown>;
  if (typeof inherits === "string" && inherits.length > 0) return { rest, inherits };
  const message = "_extends: must be a repository such as `.github` or `owner/repo:path/file.yml`";
  return { rest, inherits: null, problem: { severity: "error", message, path: ["_extends"], ...locate(["_extends"]) } };
}

function zodProblems(issue: z.core.$ZodIssue, locate: Locate): Problem[] {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const where = path.length ? `${formatPath(path)}: ` : "";
      const message = `${where}unknown key ${JSON.stringify(key)}${hint(key, knownKeysAt(path, jsonSchema()))}`;
      return { severity: "error", message, path: keyPath, ...locate(keyPath, "key") };
    });
  }
  const detail =
    issue.code === "invalid_key"
      ? `invalid key: ${issue.issues.map((inner) => tidy(inner.message)).join("; ")}`
      : tidy(issue.message);
  const message = path.length ? `${formatPath(path)}: ${detail}` : detail;
  const at = issue.code === "invalid_key" ? "key" : "value";
  return [{ severity: "error", message, path, ...locate(path, at) }];
}

function hint(key: string, known: string[]): string {
  const match = closest(key, known);
  if (match) return `; did you mean ${JSON.stringify(match)}?`;
  return known.length ? `; expected one of: ${known.join(", ")}` : "";
}

/** zod's messages open with "Invalid input: " or a capital; after a path prefix both read as shouting. */
function tidy(message: string): string {
  const text = message.replace(/^Invalid input: /, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function broken(message: string): ValidatedConfig {
  return {
    config: null,
    problems: [{ severity: "error", message, path: [], line: 1, column: 1 }],
    locate: startOfFile,
    extends: null,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let cachedSchema: JsonSchema | undefined;
function jsonSchema(): JsonSchema {
  cachedSchema ??= configJsonSchema();
  return cachedSchema;
}
