//! Purpose: what the config check run says (conclusion, summary, annotations), decided from problems alone.
import { countProblems, plural, type Problem } from "../config/problem.js";

export const CONFIG_PATH = ".github/bug-lifecycle.yml";
export const CHECK_NAME = "bug-lifecycle config";
/** GitHub accepts at most 50 annotations per request; the rest go in later updates. */
export const MAX_ANNOTATIONS = 50;
/** Problems listed in the summary; annotations carry all of them, the summary only needs to orient. */
const MAX_LISTED = 100;

export type Conclusion = "success" | "neutral" | "failure";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number;
  end_column: number;
  annotation_level: "failure" | "warning";
  message: string;
}

export interface CheckReport {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations: Annotation[];
}

/** Errors fail the check (once merged, the bot would stand still); warnings alone are neutral, not a failure. */
export function conclusionOf(problems: readonly Problem[]): Conclusion {
  const { errors, warnings } = countProblems(problems);
  if (errors > 0) return "failure";
  return warnings > 0 ? "neutral" : "success";
}

export function reportProblems(problems: readonly Problem[], sha: string, notes: readonly string[] = []): CheckReport {
  const conclusion = conclusionOf(problems);
  const { errors, warnings } = countProblems(problems);
  const title = conclusion === "success" ? "Valid" : countsText(errors, warnings);
  const verdict = {
    success: "The config is valid. The bot uses it once this pull request is merged.",
    neutral: "The config is valid, with warnings worth a look. The bot uses it once this pull request is merged.",
    failure: "The config is invalid. Merged as it is, the bot would take no action in this repository until fixed.",
  }[conclusion];
  const listed = problems.slice(0, MAX_LISTED).map(
    (problem) => `- line ${problem.line}, column ${problem.column}: **${problem.severity}** ${problem.message}`,
  );
  if (problems.length > MAX_LISTED) listed.push(`- … and ${problems.length - MAX_LISTED} more (see the annotations)`);
  const summary = [
    `\`${CONFIG_PATH}\` at ${sha.slice(0, 7)}: ${verdict}`,
    listed.length ? `\n${listed.join("\n")}` : "",
    ...notes.map((note) => `\n${note}`),
  ].join("\n");
  return { conclusion, title, summary: summary.trimEnd(), annotations: problems.map(annotationOf) };
}

export function reportDeleted(sha: string): CheckReport {
  return {
    conclusion: "success",
    title: "Config deleted: defaults apply",
    summary:
      `\`${CONFIG_PATH}\` is deleted at ${sha.slice(0, 7)}. Once this is merged, the bot uses its defaults ` +
      "(Fleet's handbook process), or the organisation's `.github` repository config if there is one.",
    annotations: [],
  };
}

export function annotationOf(problem: Problem): Annotation {
  return {
    path: CONFIG_PATH,
    start_line: problem.line,
    end_line: problem.line,
    // GitHub allows columns only on one-line annotations, which ours always are.
    start_column: problem.column,
    end_column: problem.column,
    annotation_level: problem.severity === "error" ? "failure" : "warning",
    message: problem.message,
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function countsText(errors: number, warnings: number): string {
  const parts = [errors ? plural(errors, "error") : "", warnings ? plural(warnings, "warning") : ""];
  return parts.filter(Boolean).join(", ");
}
