//! Purpose: how an action talks back to its runner: the job summary, step outputs, and `::error::` annotations.
import { appendFileSync } from "node:fs";

export interface RunnerFiles {
  /** Markdown appended to $GITHUB_STEP_SUMMARY (the job's summary page); dropped outside a runner. */
  summary(markdown: string): void;
  /** `name=value` appended to $GITHUB_OUTPUT, for later steps (`steps.<id>.outputs.<name>`). */
  output(name: string, value: string): void;
  /** An error annotation on the run (and a line in the log). */
  error(message: string, title?: string): void;
  /** A plain line in the step's log. */
  line(text: string): void;
}

/** Workflow commands end at a newline, and `%` starts an escape: a multi-line message stays one annotation. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function runnerFiles(paths: { summaryPath?: string | undefined; outputPath?: string | undefined }, write: (text: string) => void): RunnerFiles {
  return {
    summary(markdown) {
      if (paths.summaryPath) appendFileSync(paths.summaryPath, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
    },
    output(name, value) {
      if (paths.outputPath) appendFileSync(paths.outputPath, `${name}=${value.replace(/\n/g, " ")}\n`);
    },
    error(message, title) {
      write(`::error${title ? ` title=${escapeProperty(title)}` : ""}::${escapeData(message)}\n`);
    },
    line(text) {
      write(`${text}\n`);
    },
  };
}
