//! Purpose: the shape of a simulate scenario file (zod): the repository's start, and the steps people and time take.
import { z } from "zod";
import type { Config } from "bug-lifecycle/library";

const DURATION = /^(\d+(?:\.\d+)?)\s*(minute|hour|day|week)s?$/i;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** `15 days`, `3 hours`, `2 weeks`, `30 minutes`, as milliseconds. */
export const duration = z
  .string({ error: "expected a duration such as `15 days` or `3 hours`" })
  .regex(DURATION, "expected a duration such as `15 days` or `3 hours`")
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text.trim()) ?? [];
    return Number(amount) * (UNIT_MS[(unit ?? "day").toLowerCase()] ?? 0);
  });

const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/, "expected a GitHub login such as `qa-lead`");
const number = z.number({ error: "expected an issue or pull request number" }).int().positive();
const labels = z.union([z.string(), z.array(z.string())]).transform((value) => (typeof value === "string" ? [value] : value));

export const issueSeedSchema = z.strictObject({
  /** Default: the next free number, in file order. */
  number: number.optional(),
  title: z.string().default("Something breaks"),
  body: z.string().optional(),
  /** Who opened it (default `reporter`, a community member). */
  author: login.default("reporter"),
  labels: z.array(z.string()).default([]),
  assignees: z.array(login).default([]),
  /** How long before the start it was opened, e.g. `3 days` (default: at the start). */
  age: duration.default(0),
  /** A milestone title from `milestones`. */
  milestone: z.string().optional(),
});

export const milestoneSeedSchema = z.union([
  z.string(),
  z.strictObject({ title: z.string(), due: z.string().optional(), state: z.enum(["open", "closed"]).default("open") }),
]);

/** What a person does in a step is always the same pair: who (`by`) and on which issue or PR (`on`). */
const by = { by: login };
const on = { on: number };

export const stepSchemas = {
  /** A person writes a new comment (commands are lines starting with `/`). */
  comment: z.strictObject({ ...by, ...on, body: z.string() }),
  /** A person edits labels by hand: each label is one webhook, adds first. */
  label: z.strictObject({ ...by, ...on, add: labels.default([]), remove: labels.default([]) }).refine((step) => step.add.length + step.remove.length > 0, {
    message: "give `add:` or `remove:` (a label or a list)",
  }),
  /** A person edits the title or body of an issue or pull request. */
  edit: z.strictObject({ ...by, ...on, title: z.string().optional(), body: z.string().optional() }).refine((step) => step.title !== undefined || step.body !== undefined, {
    message: "give the new `title:` or `body:`",
  }),
  /** A person opens an issue (it gets the next number). */
  open: z.strictObject({ ...by, title: z.string().default("Something breaks"), body: z.string().optional(), labels: z.array(z.string()).default([]), type: z.string().optional() }),
  /** A person sets an issue's type (`issues.typed`), or clears it with null (`issues.untyped`): docs/issue-types.md. */
  type: z.strictObject({ ...by, ...on, type: z.string().nullable() }),
  /** A person pushes a commit to a pull request (`pull_request.synchronize`), as its author. */
  push: z.strictObject({ ...by, ...on, message: z.string().default("Update") }),
  /** A person opens a pull request. */
  pr: z.strictObject({ ...by, title: z.string().default("A fix"), body: z.string().default("") }),
  /** A maintainer merges a pull request: `pr:` an open one, or `body:` (and `author:`) to open and merge one at once. */
  merge: z
    .strictObject({ ...by, pr: number.optional(), author: login.optional(), title: z.string().default("A fix"), body: z.string().optional() })
    .refine((step) => step.pr !== undefined || step.body !== undefined, { message: "give `pr:` (an open pull request) or `body:` (one to open and merge)" }),
  /** The contributor (or anyone) asks for a review of a pull request: logins, or `org/team`. */
  "request-review": z.strictObject({ ...by, ...on, reviewers: z.array(z.string().regex(/^[\w.-]+(\/[\w.-]+)?$/, "expected a login or org/team")).min(1) }),
  /** A person reviews a pull request (their pending review request is then fulfilled, as on GitHub). */
  review: z.strictObject({ ...by, ...on, state: z.enum(["approved", "changes_requested", "commented"]).default("commented"), body: z.string().default("") }),
  /** A person reacts to the bot's latest comment on an issue (`to:` a marker, e.g. `critical` for the checklist). */
  react: z.strictObject({ ...by, ...on, to: z.string().optional(), content: z.enum(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]).default("+1") }),
  /** A person sets (or, with null, clears) an issue's milestone. */
  "set-milestone": z.strictObject({ ...by, ...on, milestone: z.string().nullable() }),
  /** A person closes a milestone (the release shipped). */
  "close-milestone": z.strictObject({ ...by, milestone: z.string() }),
  /** A person closes an issue. */
  close: z.strictObject({ ...by, ...on, reason: z.enum(["completed", "not_planned"]).default("completed") }),
  /** A person drags the bug's card on the bugs board (config `board`) to the column `to` (null clears it). */
  move: z.strictObject({ ...by, ...on, to: z.string().nullable() }),
  /** A person reopens an issue (from GitHub's button, not `/reopen`). */
  reopen: z.strictObject({ ...by, ...on }),
  /** Time passes, then the sweep runs (as the hourly schedule would) unless `sweep: false`. */
  wait: z
    .union([duration, z.strictObject({ for: duration, sweep: z.boolean().default(true) })])
    .transform((wait) => (typeof wait === "number" ? { for: wait, sweep: true } : wait)),
  /** The sweep runs now (`- sweep:` with nothing after it). */
  sweep: z.union([z.null(), z.strictObject({})]).transform(() => ({})),
  /** Checks the issue now; a failed check is printed and makes the run exit 1. */
  expect: z.strictObject({
    ...on,
    /** A lifecycle state (`inbox`, `reproduced`, `drafting`, `engineering`, `awaiting-qa`, `ready-for-release`, `orphan`), `closed`, or `not-a-bug`. */
    state: z.string().optional(),
    /** Labels it must have. */
    labels: z.array(z.string()).optional(),
    /** Labels it must not have. */
    without: z.array(z.string()).optional(),
    /** Exactly these assignees (any order). */
    assignees: z.array(login).optional(),
    milestone: z.string().nullable().optional(),
    /** How many comments the bot has written on it so far. */
    botComments: z.number().int().nonnegative().optional(),
    /** Text the bot's latest comment on it contains. */
    lastComment: z.string().optional(),
    /** The column its card shows on the bugs board (null: not on the board, or no column). */
    column: z.string().nullable().optional(),
  }),
} as const;

export type StepKind = keyof typeof stepSchemas;
export const STEP_KINDS = Object.keys(stepSchemas) as StepKind[];
export type Step = { [K in StepKind]: { kind: K; line: number } & z.output<(typeof stepSchemas)[K]> }[StepKind];

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected owner/name").default("acme/app"),
  /** The simulated clock's start (ISO 8601); default Monday 2026-11-02 09:00 in Los Angeles. */
  start: z.iso.datetime({ offset: true, error: "expected an ISO 8601 time such as 2026-11-02T17:00:00Z" }).default("2026-11-02T17:00:00Z"),
  /** The repository's `.github/bug-lifecycle.yml`, inline; validated as the app validates it. */
  config: z.unknown().optional(),
  /** People with write access besides everyone the config names (default: `maint`). Anyone else is the community. */
  maintainers: z.array(login).default(["maint"]),
  milestones: z.array(milestoneSeedSchema).default([]),
  issues: z.array(issueSeedSchema).default([]),
  /** Each step is a map with one key, the step's kind. Checked one by one for precise errors. */
  steps: z.array(z.unknown()).min(1, "a scenario needs at least one step"),
});

export type IssueSeed = z.output<typeof issueSeedSchema>;
export type MilestoneSeed = z.output<typeof milestoneSeedSchema>;
export type Scenario = Omit<z.output<typeof scenarioSchema>, "steps" | "config"> & {
  /** The config file's text as the double serves it ("" for none: the handbook's defaults). */
  configText: string;
  config: Config;
  steps: Step[];
};
