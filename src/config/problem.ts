//! Purpose: one finding about a config file, positioned in its text, shared by the CLI and the check run.

export type Severity = "error" | "warning";

/** An error makes the config unusable (the bot stands still); a warning is worth a look but changes nothing. */
export interface Problem {
  severity: Severity;
  message: string;
  /** Where in the config the problem is, e.g. `["groups", "#g-mdm", "em"]`; `[]` is the whole file. */
  path: (string | number)[];
  /** 1-based, pointing at the offending key or value (its parent when the thing is missing). */
  line: number;
  column: number;
}

export type Position = Pick<Problem, "line" | "column">;

/** Finds where a config path is written; the nearest written ancestor when the path itself is not. */
export type Locate = (path: readonly (string | number)[], at?: "key" | "value") => Position;

export const startOfFile: Locate = () => ({ line: 1, column: 1 });

/** File order, errors first on the same spot: the order a person fixes things in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.line - b.line || a.column - b.column || rank(a.severity) - rank(b.severity),
  );
}

export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((problem) => problem.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

/** `labels.bug`, `groups["#g-mdm"].em`, `people.qa[0]`: how a person would point at it. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function rank(severity: Severity): number {
  return severity === "error" ? 0 : 1;
}
