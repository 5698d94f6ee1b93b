//! Purpose: play a scenario step by step through the real app, recording after each step what the bot wrote and where issues stand.
import { checkExpectation } from "./expect.js";
import { commentIds, describeError, isFailure, newBotComments, snapshot, stateText, toWrite, type IssueState, type Write } from "./observe.js";
import type { Scenario, Step } from "./scenario-schema.js";
import { createWorld, type SimWorld } from "./world.js";

export type { IssueState, Write };

export interface StepReport {
  index: number;
  kind: Step["kind"];
  /** The step's line in the scenario file. */
  line: number;
  at: string;
  what: string;
  writes: Write[];
  /** The sweep's decisions by rule, when one ran. */
  sweep?: Record<string, number>;
  /** Delayed jobs of the work queue that came due in this step (`critical-escalation #1`). */
  timers?: string[];
  comments: Array<{ issue: number; body: string }>;
  /** Handler failures, scenario mistakes and failed expectations: any makes the run fail. */
  problems: string[];
  issues: IssueState[];
  /** Issues whose state line differs from before this step. */
  changed: number[];
}

export interface PlayResult {
  name: string;
  repo: string;
  start: string;
  timezone: string;
  initial: IssueState[];
  steps: StepReport[];
  ok: boolean;
}

export async function play(scenario: Scenario): Promise<PlayResult> {
  const world = await createWorld(scenario);
  const initial = snapshot(world);
  const steps: StepReport[] = [];
  let before = initial;
  for (const [index, step] of scenario.steps.entries()) {
    const logStart = world.logs.length;
    const seen = commentIds(world);
    const report: StepReport = { index: index + 1, kind: step.kind, line: step.line, at: world.now().toISOString(), what: "", writes: [], comments: [], problems: [], issues: [], changed: [] };
    try {
      await perform(world, step, report);
    } catch (error) {
      // A step the model refuses (an unknown issue, a label already there): the scenario is wrong, say where.
      report.problems.push(`line ${step.line}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const lines = world.logs.slice(logStart);
    report.writes = lines.filter((line) => line.msg === "write" || line.msg === "write failed").map(toWrite);
    report.problems.push(...lines.filter(isFailure).map((line) => `the app logged "${line.msg}": ${describeError(line)}`));
    report.comments = newBotComments(world, seen);
    report.issues = snapshot(world);
    report.changed = report.issues.filter((issue) => JSON.stringify(issue) !== JSON.stringify(before.find((b) => b.number === issue.number))).map((i) => i.number);
    before = report.issues;
    steps.push(report);
  }
  return {
    name: scenario.name ?? "scenario",
    repo: scenario.repo,
    start: scenario.start,
    timezone: scenario.config.timezone,
    initial,
    steps,
    ok: steps.every((step) => step.problems.length === 0),
  };
}

async function perform(world: SimWorld, step: Step, report: StepReport): Promise<void> {
  const repo = world.fullName;
  if ("on" in step && !world.double.store.repo(repo).issues.has(step.on)) {
    const numbers = [...world.double.store.repo(repo).issues.keys()];
    throw new Error(`there is no #${step.on} at this point (${numbers.length ? `the repository has #${Math.min(...numbers)}–#${Math.max(...numbers)}` : "the repository has no issues yet"})`);
  }
  const act = async (name: Parameters<SimWorld["double"]["payload"]>[0], action: Omit<Parameters<SimWorld["double"]["payload"]>[1], "repo">) => {
    const delivery = world.double.payload(name, { repo, ...action });
    report.problems.push(...(await world.receive(delivery)).map((message) => `the app failed on ${name}: ${message}`));
    // GitHub's other webhooks for the act: `issues.closed` for each issue a merge closes with a keyword.
    for (const caused of world.double.caused(delivery)) {
      report.problems.push(...(await world.receive(caused)).map((message) => `the app failed on issues.closed: ${message}`));
    }
    return delivery.payload;
  };
  switch (step.kind) {
    case "comment":
      report.what = `${step.by} comments on #${step.on}: ${quote(step.body)}`;
      await act("issue_comment.created", { actor: step.by, number: step.on, body: step.body });
      return;
    case "label": {
      const edits = [...step.add.map((label) => `+${label}`), ...step.remove.map((label) => `-${label}`)];
      report.what = `${step.by} edits the labels of #${step.on}: ${edits.join(" ")}`;
      for (const label of step.add) await act("issues.labeled", { actor: step.by, number: step.on, label });
      for (const label of step.remove) await act("issues.unlabeled", { actor: step.by, number: step.on, label });
      return;
    }
    case "edit": {
      const isPull = world.double.issue(repo, step.on).isPullRequest;
      report.what = `${step.by} edits #${step.on}${step.body !== undefined ? `: ${quote(step.body)}` : ""}`;
      await act(isPull ? "pull_request.edited" : "issues.edited", { actor: step.by, number: step.on, title: step.title, body: step.body });
      return;
    }
    case "open": {
      const payload = await act("issues.opened", { actor: step.by, title: step.title, body: step.body, labels: step.labels, ...(step.type && { type: step.type }) });
      const marks = [...step.labels, ...(step.type ? [`type ${step.type}`] : [])];
      report.what = `${step.by} opens #${numberOf(payload)} ${quote(step.title)}${marks.length ? ` with ${marks.join(", ")}` : ""}`;
      return;
    }
    case "type": {
      report.what = step.type ? `${step.by} sets the type of #${step.on} to ${step.type}` : `${step.by} clears the type of #${step.on}`;
      await (step.type ? act("issues.typed", { actor: step.by, number: step.on, type: step.type }) : act("issues.untyped", { actor: step.by, number: step.on }));
      return;
    }
    case "push": {
      report.what = `${step.by} pushes to pull request #${step.on}: ${quote(step.message)}`;
      await act("pull_request.synchronize", { actor: step.by, number: step.on, message: step.message });
      return;
    }
    case "pr": {
      const payload = await act("pull_request.opened", { actor: step.by, title: step.title, body: step.body });
      report.what = `${step.by} opens pull request #${numberOf(payload)}: ${quote(step.body || step.title)}`;
      return;
    }
    case "merge": {
      let number = step.pr;
      if (number === undefined) {
        number = numberOf(await act("pull_request.opened", { actor: step.author ?? step.by, title: step.title, body: step.body }));
        report.what = `${step.author ?? step.by} opens pull request #${number} (${quote(step.body ?? "")}) and ${step.by} merges it`;
      } else {
        report.what = `${step.by} merges pull request #${number}`;
      }
      await act("pull_request.closed", { actor: step.by, number, merged: true });
      return;
    }
    case "request-review":
      report.what = `${step.by} requests a review of pull request #${step.on} from ${step.reviewers.join(", ")}`;
      await act("pull_request.review_requested", { actor: step.by, number: step.on, reviewers: step.reviewers });
      return;
    case "review":
      report.what = `${step.by} reviews pull request #${step.on} (${step.state.replace("_", " ")})${step.body ? `: ${quote(step.body)}` : ""}`;
      await act("pull_request_review.submitted", { actor: step.by, number: step.on, state: step.state.toUpperCase() as "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED", body: step.body });
      return;
    case "react": {
      const target = reactionTarget(world, step.on, step.to);
      report.what = `${step.by} reacts ${step.content} to the bot's ${step.to ? `\`${step.to}\` ` : ""}comment on #${step.on}`;
      // A reaction sends no webhook: it is the person's REST call, and only a later read sees it.
      world.double.addToken(`sim-${step.by}`, step.by);
      const answer = await world.double.fetch(`https://api.github.com/repos/${repo}/issues/comments/${target}/reactions`, {
        method: "POST",
        headers: { authorization: `token sim-${step.by}`, "content-type": "application/json" },
        body: JSON.stringify({ content: step.content }),
      });
      if (!answer.ok) throw new Error(`GitHub refused the reaction: ${answer.status} ${await answer.text()}`);
      return;
    }
    case "set-milestone":
      report.what = step.milestone === null ? `${step.by} clears the milestone of #${step.on}` : `${step.by} sets the milestone of #${step.on} to ${step.milestone}`;
      await act(step.milestone === null ? "issues.demilestoned" : "issues.milestoned", { actor: step.by, number: step.on, milestone: step.milestone });
      return;
    case "close-milestone":
      report.what = `${step.by} closes the milestone ${step.milestone}`;
      await act("milestone.closed", { actor: step.by, milestone: step.milestone });
      return;
    case "close":
      report.what = `${step.by} closes #${step.on} as ${step.reason.replace("_", " ")}`;
      await act("issues.closed", { actor: step.by, number: step.on, stateReason: step.reason });
      return;
    case "move": {
      const board = world.board;
      if (!board) throw new Error("`move` needs a `board` in the config");
      report.what = `${step.by} moves the card of #${step.on} to ${step.to === null ? "no column" : quote(step.to)}`;
      const onBoard = world.double.project(board.org, board.number).items.some((item) => item.repo.fullName === repo && item.issue.number === step.on);
      if (!onBoard) throw new Error(`#${step.on} is not on the board yet`);
      for (const delivery of world.double.moveCard(board.org, board.number, repo, step.on, step.to, step.by, board.field)) {
        report.problems.push(...(await world.receive(delivery)).map((message) => `the app failed on projects_v2_item.edited: ${message}`));
      }
      return;
    }
    case "reopen":
      report.what = `${step.by} reopens #${step.on}`;
      await act("issues.reopened", { actor: step.by, number: step.on });
      return;
    case "wait":
      world.advance(step.for);
      report.at = world.now().toISOString();
      const elapsed = describeDuration(step.for);
      report.what = `${elapsed} ${elapsed.startsWith("1 ") ? "passes" : "pass"}${step.sweep ? "; the sweep runs" : ""}`;
      {
        // The server's delayed jobs fire when their time comes, before the next sweep tick.
        const { fired, errors } = await world.runTimers();
        if (fired.length) report.timers = fired;
        report.problems.push(...errors.map((message) => `the app failed on a delayed job: ${message}`));
      }
      if (step.sweep) await sweep(world, report);
      return;
    case "sweep":
      report.what = "the sweep runs";
      await sweep(world, report);
      return;
    case "expect": {
      const issue = world.double.issue(world.fullName, step.on);
      report.what = `check #${step.on}`;
      report.problems.push(...checkExpectation(step, issue, stateText(issue, world.config), world.double.botLogin));
      if (step.column !== undefined) {
        const column = world.board?.columnOf(step.on) ?? null;
        if (column !== step.column) report.problems.push(`line ${step.line}: #${step.on}'s card is in ${column === null ? "no column" : quote(column)}, expected ${step.column === null ? "no column" : quote(step.column)}`);
      }
      return;
    }
    default: {
      const never: never = step;
      throw new Error(`unknown step ${JSON.stringify(never)}`);
    }
  }
}

/** The bot's latest comment on the issue, or its latest carrying the marker `to` (e.g. `critical`, the checklist). */
function reactionTarget(world: SimWorld, number: number, to: string | undefined): number {
  const comments = world.double.issue(world.fullName, number).comments.filter((c) => c.author === world.double.botLogin);
  const found = comments.filter((c) => !to || c.body.includes(`<!-- bug-lifecycle:${to}`)).at(-1);
  if (!found) throw new Error(`the bot has no ${to ? `\`${to}\` ` : ""}comment on #${number} to react to`);
  return found.id;
}

async function sweep(world: SimWorld, report: StepReport): Promise<void> {
  const result = await world.sweep();
  report.sweep = result.actions;
  if (result.error) report.problems.push(`the sweep stopped: ${result.error}`);
}

function numberOf(payload: Record<string, unknown>): number {
  const item = (payload.issue ?? payload.pull_request) as { number?: number } | undefined;
  return item?.number ?? Number(payload.number);
}

function quote(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}…` : line);
}

export function describeDuration(ms: number): string {
  const units: Array<[number, string]> = [[86_400_000, "day"], [3_600_000, "hour"], [60_000, "minute"]];
  const [size, name] = units.find(([unit]) => ms % unit === 0) ?? [60_000, "minute"];
  const count = Math.round((ms / size) * 10) / 10;
  return `${count} ${name}${count === 1 ? "" : "s"}`;
}
