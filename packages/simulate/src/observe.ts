//! Purpose: what a simulation shows after a step: every issue's state line, the bot's new comments, the app's writes and failures (from its log lines).
import { stateOf, type Config } from "bug-lifecycle/library";
import type { IssueView } from "@bug-lifecycle/github-double";
import type { LogLine, SimWorld } from "./world.js";

export interface IssueState {
  number: number;
  title: string;
  isPullRequest: boolean;
  /** The lifecycle state, `closed (completed)`, `closed (not planned)`, `merged`, or `—` for what is not a bug. */
  state: string;
  labels: string[];
  assignees: string[];
  milestone: string | null;
  /** With a board: the column its card shows (null: not on the board, or no column). */
  column?: string | null;
}

export interface Write {
  issue: number | null;
  action: string;
  detail: string;
  result: string;
  error?: string;
}

export function snapshot(world: SimWorld): IssueState[] {
  const repo = world.double.store.repo(world.fullName);
  return [...repo.issues.keys()]
    .sort((a, b) => a - b)
    .map((number) => {
      const issue = world.double.issue(world.fullName, number);
      return {
        number,
        title: issue.title,
        isPullRequest: issue.isPullRequest,
        state: stateText(issue, world.config),
        labels: issue.labels,
        assignees: issue.assignees,
        milestone: issue.milestone,
        ...(world.board && !issue.isPullRequest && { column: world.board.columnOf(number) }),
      };
    });
}

export function stateText(issue: IssueView, config: Config): string {
  if (issue.isPullRequest) return issue.merged ? "merged" : issue.state === "closed" ? "closed" : issue.draft ? "draft" : "open";
  if (issue.state === "closed") return `closed (${(issue.stateReason ?? "completed").replace("_", " ")})`;
  return stateOf(issue.labels, config, issue.type) ?? "—";
}

export function commentIds(world: SimWorld): Set<number> {
  const repo = world.double.store.repo(world.fullName);
  return new Set([...repo.issues.values()].flatMap((issue) => issue.comments.map((comment) => comment.id)));
}

export function newBotComments(world: SimWorld, seen: Set<number>): Array<{ issue: number; body: string }> {
  const repo = world.double.store.repo(world.fullName);
  return [...repo.issues.values()].flatMap((issue) =>
    issue.comments
      .filter((comment) => !seen.has(comment.id) && comment.author === world.double.botLogin)
      .map((comment) => ({ issue: issue.number, body: withoutMarkers(comment.body) })),
  );
}

/** Hidden markers are for the bot; a person reading the output sees what GitHub would render. */
export function withoutMarkers(body: string): string {
  return body.replace(/<!--[\s\S]*?-->/g, "").trim();
}

export function toWrite(line: LogLine): Write {
  const write: Write = { issue: (line.issue as number | null) ?? null, action: String(line.action), detail: String(line.detail ?? ""), result: String(line.result) };
  if (line.error !== undefined) write.error = String(line.error);
  return write;
}

export function isFailure(line: LogLine): boolean {
  return (line.level ?? 0) >= 50 && line.msg !== "write failed";
}

export function describeError(line: LogLine): string {
  const err = line.err as { message?: string } | undefined;
  return err?.message ?? JSON.stringify(line.errors ?? line.error ?? "");
}
