//! Purpose: the text of a scenario file → a Scenario, or problems that each say the line and how to fix it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document } from "yaml";
import type { z } from "zod";
import { checkConfigText, closest, defaultConfig, formatPath, locatorFor, sortProblems, type Config, type Locate, type Problem } from "bug-lifecycle/library";
import { scenarioSchema, STEP_KINDS, stepSchemas, type Scenario, type Step, type StepKind } from "./scenario-schema.js";

export type Loaded = { ok: true; scenario: Scenario; warnings: Problem[] } | { ok: false; problems: Problem[] };

type Path = (string | number)[];

export function loadScenario(text: string): Loaded {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = locatorFor(document, lineCounter);
  const problems: Problem[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { severity: "error", message: `YAML: ${error.message}`, path: [], line, column: col };
  });
  if (problems.length) return { ok: false, problems };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ severity: "error", message: `YAML: ${String(error)}`, path: [], line: 1, column: 1 }] };
  }

  const top = scenarioSchema.safeParse(data ?? {});
  if (!top.success) problems.push(...top.error.issues.flatMap((issue) => zodProblems(issue, [], locate, knownTopKeys, data)));
  const raw = (data ?? {}) as { steps?: unknown; config?: unknown };
  const steps = Array.isArray(raw.steps) ? raw.steps.flatMap((step, index) => parseStep(step, index, locate, problems)) : [];
  const config = configOf(text, document, lineCounter, raw.config);
  problems.push(...config.problems);

  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length || !top.success) return { ok: false, problems: sortProblems(problems) };
  return {
    ok: true,
    scenario: { ...top.data, configText: config.text, config: config.config ?? defaultConfig, steps },
    warnings: sortProblems(problems),
  };
}

const knownTopKeys = (path: Path): string[] => (path.length === 0 ? Object.keys(scenarioSchema.shape) : []);

/** A step is a map with exactly one key naming its kind; its value is checked with that kind's schema. */
function parseStep(value: unknown, index: number, locate: Locate, problems: Problem[]): Step[] {
  const path: Path = ["steps", index];
  const problem = (message: string, where: Path = path, at: "key" | "value" = "value") =>
    problems.push({ severity: "error", message: `${formatPath(where)}: ${message}`, path: where, ...locate(where, at) });
  const kinds = STEP_KINDS.join(", ");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problem(`a step is a map with one key, its kind (${kinds}), e.g. \`- comment: { by: qa-lead, on: 1, body: /reproduced }\``);
    return [];
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    problem(`a step has exactly one key, its kind; this one has ${keys.length ? keys.map((k) => `\`${k}\``).join(", ") : "none"} (indent the step's fields under its kind)`);
    return [];
  }
  const kind = keys[0]!;
  if (!(kind in stepSchemas)) {
    const near = closest(kind, STEP_KINDS);
    problem(`unknown step \`${kind}\`${near ? `; did you mean \`${near}\`?` : `; expected one of: ${kinds}`}`, [...path, kind], "key");
    return [];
  }
  const schema = stepSchemas[kind as StepKind] as z.ZodType;
  const parsed = schema.safeParse((value as Record<string, unknown>)[kind]);
  if (!parsed.success) {
    const keysOf = (inner: Path) => (inner.length ? [] : shapeKeys(schema));
    problems.push(...parsed.error.issues.flatMap((issue) => zodProblems(issue, [...path, kind], locate, keysOf, (value as Record<string, unknown>)[kind])));
    return [];
  }
  return [{ kind, line: locate(path).line, ...(parsed.data as object) } as Step];
}

function shapeKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { shape?: Record<string, unknown>; options?: z.ZodType[] } } })._zod.def;
  if (def.shape) return Object.keys(def.shape);
  return (def.options ?? []).flatMap((option) => shapeKeys(option));
}

function zodProblems(issue: z.core.$ZodIssue, prefix: Path, locate: Locate, knownKeys: (path: Path) => string[], data: unknown): Problem[] {
  const inner = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
  const path = [...prefix, ...inner];
  const where = path.length ? `${formatPath(path)}: ` : "";
  const last = inner.at(-1);
  if (issue.code === "invalid_type" && last !== undefined && valueAt(data, inner) === undefined) {
    // zod says "expected number, received undefined"; a person reads "you left it out".
    const parent = path.slice(0, -1);
    return [{ severity: "error", message: `${parent.length ? `${formatPath(parent)}: ` : ""}missing \`${last}\``, path, ...locate(path) }];
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const near = closest(key, knownKeys(inner));
      const known = knownKeys(inner);
      const hint = near ? `; did you mean \`${near}\`?` : known.length ? `; expected one of: ${known.join(", ")}` : "";
      return { severity: "error" as const, message: `${where}unknown key \`${key}\`${hint}`, path: [...path, key], ...locate([...path, key], "key") };
    });
  }
  if (issue.code === "invalid_union") {
    // zod reports every branch; the first branch's complaint reads best (`wait: 15 days` before the object form).
    const first = issue.errors[0]?.[0];
    if (first) return zodProblems({ ...first, path: [...issue.path, ...first.path] }, prefix, locate, knownKeys, data);
  }
  const message = issue.message.replace(/^Invalid input: /, "");
  return [{ severity: "error", message: `${where}${message.charAt(0).toLowerCase()}${message.slice(1)}`, path, ...locate(path) }];
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * The inline config is checked as `check-config` checks a file: its own text, padded so that lines and
 * columns are those of the scenario file. What the double serves is the same data, re-serialised.
 */
function configOf(text: string, document: Document, lineCounter: LineCounter, value: unknown): { text: string; config: Config | null; problems: Problem[] } {
  if (value === undefined || value === null) return { text: "", config: defaultConfig, problems: [] };
  const node = isMap(document.contents) ? document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === "config")?.value : undefined;
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range || !(isMap(node) || isSeq(node) || isScalar(node))) {
    return { text: "", config: null, problems: [{ severity: "error", message: "config: expected a map (the content of .github/bug-lifecycle.yml)", path: ["config"], line: 1, column: 1 }] };
  }
  const { line, col } = lineCounter.linePos(range[0]);
  const padded = `${"\n".repeat(line - 1)}${" ".repeat(col - 1)}${text.slice(range[0], range[1])}`;
  const checked = checkConfigText(padded);
  const problems = checked.problems.map((problem) => ({
    ...problem,
    path: ["config", ...problem.path],
    // Messages open with the path they are about (`labels.bug: …`), or with none at the file's root.
    message: /^[\w$]+[.[:]/.test(problem.message) && !problem.message.startsWith("YAML:") ? `config.${problem.message}` : `config: ${problem.message}`,
  }));
  if (checked.extends) {
    problems.push({ severity: "error", message: "config._extends: a scenario has no other repository to inherit from; write the config inline", path: ["config", "_extends"], line, column: col });
  }
  return { text: stringify(value), config: checked.config, problems };
}
