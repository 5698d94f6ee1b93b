//! Purpose: a check run on pull requests that change `.github/bug-lifecycle.yml`, so a bad config never merges unseen.
import { readBoardFacts } from "../board/inspect-board.js";
import { lintConfig, type RepoFacts } from "../config/lint.js";
import { sortProblems } from "../config/problem.js";
import { validateConfigText } from "../config/validate-text.js";
import {
  CHECK_NAME,
  CONFIG_PATH,
  MAX_ANNOTATIONS,
  chunk,
  reportDeleted,
  reportProblems,
  type CheckReport,
  type Conclusion,
} from "./check-report.js";
import type { Octokit } from "../runtime/clients.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import { z } from "zod";
import type { PullRequestEvent } from "@octokit/webhooks-types";
import { documented, type Reads } from "../github/payload-types.js";
import type { AppPort } from "../runtime/port.js";
import { previewShadow } from "../sweep/shadow-preview.js";
import { shadowSection } from "../write/shadow.js";

type Repo = { owner: string; repo: string };

/**
 * For `pull_request.opened`, `.synchronize` and `.reopened`. Returns the conclusion, or null when the pull
 * request does not touch the config (then listing its files is the only request made). A broken config is a
 * `failure` conclusion, never an exception; API failures are thrown with what was being done. `DRY_RUN`
 * decides and logs, and creates no check run (docs/contract.md §7).
 */
/** What the check reads of a `pull_request` delivery: checked at run time, tied to GitHub's types at build time. */
const payloadSchema = z.object({
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
  pull_request: z.object({ number: z.number(), head: z.object({ sha: z.string() }) }),
});
documented<Reads<typeof payloadSchema, PullRequestEvent>>();

export async function checkConfigChange(delivery: EventDelivery<"pull_request">, port: AppPort): Promise<Conclusion | null> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) {
    port.log.warn({ delivery: delivery.id, event: delivery.name }, "config check: malformed pull_request payload");
    return null;
  }
  const payload = parsed.data;
  const repo = { owner: payload.repository.owner.login, repo: payload.repository.name };
  const { number, head } = payload.pull_request;
  const dryRun = port.dryRun;
  const octokit = await port.clientFor(delivery);
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const change = await attempt(`listing the files of ${where}`, () => findChange(octokit, repo, number));
  if (!change) return null;

  const text = change === "removed" ? null : await readConfig(octokit, repo, head.sha, where);
  const report = text === null ? reportDeleted(head.sha) : await review(octokit, repo, text, head.sha, where, port);

  if (!dryRun) await publish(octokit, repo, head.sha, report, where);
  port.log.info(
    {
      delivery: delivery.id,
      repository: `${repo.owner}/${repo.repo}`,
      issue: number,
      action: "config-check",
      result: dryRun ? `dry-run:${report.conclusion}` : report.conclusion,
    },
    `config check: ${report.title}`,
  );
  return report.conclusion;
}

/** "changed" when the head has a config file this PR touched; "removed" when the PR deletes or moves it away. */
async function findChange(octokit: Octokit, repo: Repo, pull: number): Promise<"changed" | "removed" | null> {
  let removed = false;
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...repo, pull_number: pull, per_page: 100 });
  for await (const { data: files } of pages) {
    for (const file of files) {
      if (file.filename === CONFIG_PATH && file.status !== "removed") return "changed";
      if (file.filename === CONFIG_PATH || (file.status === "renamed" && file.previous_filename === CONFIG_PATH)) {
        removed = true;
      }
    }
  }
  return removed ? "removed" : null;
}

/** The file's text at the head commit; null when it is not there after all (then defaults apply). */
async function readConfig(octokit: Octokit, repo: Repo, sha: string, where: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      ...repo,
      path: CONFIG_PATH,
      ref: sha,
      mediaType: { format: "raw" },
    });
    return decode(data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw wrap(`reading ${CONFIG_PATH} of ${where} at ${sha}`, error);
  }
}

async function review(octokit: Octokit, repo: Repo, text: string, sha: string, where: string, port: AppPort): Promise<CheckReport> {
  const validated = validateConfigText(text);
  const notes: string[] = [];
  if (validated.extends) {
    notes.push(`This file extends \`${validated.extends}\`; only the keys written here were checked.`);
  }
  if (!validated.config) return reportProblems(validated.problems, sha, notes);

  const facts: RepoFacts = {
    labels: await attempt(`listing the labels of ${where}`, () =>
      octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 }, (response) =>
        response.data.map((label) => label.name),
      ),
    ),
  };
  try {
    facts.collaborators = await octokit.paginate(octokit.rest.repos.listCollaborators, { ...repo, per_page: 100 }, (
      response,
    ) => response.data.map((user) => user.login));
  } catch (error) {
    if (statusOf(error) !== 403) throw wrap(`listing the collaborators of ${where}`, error);
    notes.push("Logins were not checked against the collaborators: the app may not list them here (403).");
  }
  // The issue type that marks a bug, against the types the repository offers (a repository without any: 404).
  if (validated.config.bugType) {
    facts.issueTypes = await attempt(`listing the issue types of ${where}`, async () => {
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/issue-types", { ...repo });
        return (data as { name: string }[]).map((type) => type.name);
      } catch (error) {
        if (statusOf(error) === 404) return [];
        throw error;
      }
    });
  }
  // The board the new config names, read as it is now: a renamed option shows before the bot trips on it.
  const board = await readBoardFacts(octokit, validated.config);
  if (board) facts.board = board;
  const warnings = lintConfig(validated.config, facts, validated.locate);
  // docs/rules.md: the rules this config puts in shadow, and what they would write now (the sweep's rules).
  const shadow = shadowSection(validated.config.rules, await attempt(`previewing the rules in shadow of ${where}`, async () =>
    previewShadow(octokit, { owner: repo.owner, name: repo.repo }, validated.config!, port.now(), port.caches.sweepMaintainers, await port.self()),
  ));
  if (shadow.length) notes.push(shadow.join("\n").trimEnd());
  return reportProblems(sortProblems([...validated.problems, ...warnings]), sha, notes);
}

async function publish(octokit: Octokit, repo: Repo, sha: string, report: CheckReport, where: string): Promise<void> {
  const [first = [], ...rest] = chunk(report.annotations, MAX_ANNOTATIONS);
  const output = { title: report.title, summary: report.summary };
  const { data: run } = await attempt(`creating the config check run of ${where}`, () =>
    octokit.rest.checks.create({
      ...repo,
      name: CHECK_NAME,
      head_sha: sha,
      status: "completed",
      conclusion: report.conclusion,
      output: { ...output, annotations: first },
    }),
  );
  for (const annotations of rest) {
    // Annotations sent in an update are appended to those already on the run.
    await attempt(`adding annotations to check run ${run.id} of ${where}`, () =>
      octokit.rest.checks.update({ ...repo, check_run_id: run.id, output: { ...output, annotations } }),
    );
  }
}

/** Raw content arrives as text or as bytes, depending on the content type the server labels it with. */
function decode(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  throw new Error(`unexpected ${typeof data} for raw file content`);
}

async function attempt<T>(doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw wrap(doing, error);
  }
}

function wrap(doing: string, error: unknown): Error {
  const status = statusOf(error);
  const reason = status ? String(status) : error instanceof Error ? error.message : String(error);
  return new Error(`${doing}: ${reason}`, { cause: error });
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") {
    return error.status;
  }
  return undefined;
}
