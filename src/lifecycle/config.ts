//! Purpose: the one schema of `.github/bug-lifecycle.yml`: its type, its validator and its defaults (Fleet's handbook).
import { z } from "zod";
import { boardSchema } from "./board/config.js";
import { MESSAGE_KEYS, defaultMessages, type MessageKey } from "./messages.js";
import { rulesSchema } from "./rule-names.js";

const login = z.string().min(1).regex(/^[A-Za-z0-9-]+(\[bot\])?$/, "must be a GitHub login");
const days = z.number().int().min(0);

// Descriptions live in `.describe()` rather than doc comments so the published JSON Schema (and editors) show them.
const label = (name: string, description: string) => z.string().min(1).default(name).describe(description);

/** Label names the bot reads and writes. Every name can be changed to match an existing repository. */
export const labelsSchema = z
  .strictObject({
    bug: label("bug", "Marks an issue as a bug: without it the lifecycle ignores the issue."),
    reproduce: label(":reproduce", "State `inbox`: waiting for QA to reproduce."),
    product: label(":product", "State `drafting`: waiting for product."),
    release: label(":release", "State `engineering`: scheduled into a release."),
    awaitingQa: label("~awaiting QA", "Sub-state of `:release`: fixed, waiting for QA."),
    readyForRelease: label("~ready for release", "Sub-state of `:release`: QA passed."),
    needsInfo: label("~needs info", "Attribute: waiting for the reporter."),
    critical: label("~critical bug", "Attribute: critical bug."),
    unreleased: label("~unreleased bug", "Attribute: bug in unreleased code."),
    released: label("~released bug", "Attribute: bug found in a released version."),
    trackedPrefix: label("+", "Labels starting with this prefix mark an issue a person tracks: no timer closes it."),
    groupPrefix: label("#g-", "Labels starting with this prefix are product-group labels."),
    customerPrefix: label("customer-", "Labels starting with this prefix mark a customer-reported bug (reports)."),
  })
  .prefault({})
  .describe("Label names the bot reads and writes. Every name can be changed to match an existing repository.");

/** A product group: the label that names it and who owns its bugs. */
export const groupSchema = z
  .strictObject({
    em: login.optional().describe("Engineering manager (GitHub login): owns `reproduced` and `engineering`."),
    pm: login
      .optional()
      .describe("Product manager (GitHub login): owns `drafting`. Falls back to `people.headOfProduct`."),
  })
  .describe("A product group: who owns its bugs.");

export const ROLES = ["qa", "em", "pm", "headOfProduct", "maintainer"] as const;
export type Role = (typeof ROLES)[number];

export const COMMANDS = [
  "reproduced",
  "product",
  "engineering",
  "release",
  "backlog",
  "critical",
  "unreleased",
  "fixed",
  "qa-passed",
  "qa-failed",
  "needs-info",
  "not-a-bug",
  "group",
  "reopen",
  "why",
  "undo",
] as const;
export type CommandName = (typeof COMMANDS)[number];

// The default text goes into the description so editors show what an override replaces.
const messagesShape = Object.fromEntries(
  MESSAGE_KEYS.map((key) => [key, z.string().min(1).optional().describe(`Default: ${defaultMessages[key]}`)]),
) as Record<MessageKey, z.ZodOptional<z.ZodString>>;

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema reference for editors; ignored by the bot."),
    labels: labelsSchema,
    bugType: z
      .string()
      .min(1)
      .nullable()
      .default("Bug")
      .describe("Issue type that marks an issue as a bug, beside `labels.bug`: an issue is a bug with the label or the type (docs/issue-types.md). `null` turns issue types off."),
    people: z
      .strictObject({
        qa: z
          .array(login)
          .default([])
          .describe("QA logins: assigned on `awaiting-qa`, mentioned by the inbox SLA."),
        headOfProduct: login
          .nullable()
          .default(null)
          .describe("Owns `drafting` when the group has no PM; mentioned on critical bugs."),
        escalation: z
          .array(z.string().regex(/^@?([A-Za-z0-9-]+(\[bot\])?|[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+)$/, "must be a GitHub login or @org/team"))
          .default([])
          .describe("Logins or teams (`@org/team`) mentioned when product does not confirm a critical bug in time (`critical.escalateAfterMinutes`)."),
      })
      .prefault({})
      .describe("The people the lifecycle assigns and mentions, by GitHub login."),
    groups: z
      .record(z.string().min(1), groupSchema)
      .default({})
      .describe('Product groups keyed by their label, e.g. `"#g-mdm": { em: mdm-em, pm: mdm-pm }`.'),
    defaultGroup: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe("Group used by `/reproduced`, `/engineering` and `/unreleased` when none is given or on the issue."),
    needsInfo: z
      .strictObject({
        remindAfterDays: days.default(14).describe("Days after the request without a reply before one reminder."),
        closeAfterDays: days
          .default(28)
          .describe("Days after the request without a reply before the issue is closed as not planned."),
      })
      .prefault({})
      .describe("Timers of `~needs info`: waiting for the reporter."),
    inbox: z
      .strictObject({
        assignQa: z.boolean().default(false).describe("Assign the QA people when a bug enters the inbox."),
        slaBusinessDays: days.default(1).describe("Business days a bug may wait in the inbox before QA is reminded."),
        acknowledge: z
          .boolean()
          .default(true)
          .describe("Thank community reporters with one comment when their bug is opened."),
      })
      .prefault({})
      .describe("New bugs waiting for QA to reproduce them."),
    critical: z
      .strictObject({
        escalateAfterMinutes: z
          .number()
          .positive()
          .default(60)
          .describe("Minutes after `/critical` without a comment by the head of product or the group's PM, or their reaction to the checklist, before one escalation (a comment mentioning `people.escalation`, and `SLACK_ESCALATION_WEBHOOK_URL`). The server fires it from a delayed job of its work queue, on time; the sweep re-derives it after a restart. Fractions are allowed (0.5: 30 seconds)."),
      })
      .prefault({})
      .describe("Critical bugs (`/critical`)."),
    unreleased: z
      .strictObject({
        setMilestone: z.boolean().default(false).describe("`/unreleased` sets the earliest open milestone."),
      })
      .prefault({})
      .describe("Bugs in code that has not been released yet (`/unreleased`)."),
    reprioritizeAfterDays: days
      .default(42)
      .describe("Days in `reproduced` without `:release` before the bug goes back to product (six-week rule)."),
    pullRequests: z
      .strictObject({
        draftAfterDays: days
          .default(7)
          .describe("Days waiting on a community author before the PR is converted to draft."),
        closeAfterDays: days
          .default(365)
          .describe("Days without an update by a community author before the PR is closed."),
        respondWithinBusinessDays: days
          .default(1)
          .describe(
            "Business days (in `timezone`) a non-draft community PR may wait on us (the contributor spoke last) before one reminder to its assignees, else its group's EM, else `people.qa`.",
          ),
        thankOnMerge: z.boolean().default(true).describe("Thank community authors when their PR is merged."),
        warnClosingKeywords: z
          .boolean()
          .default(true)
          .describe("Ask PR authors not to close bugs with closing keywords."),
        reopenClosedByMerge: z
          .boolean()
          .default(true)
          .describe("Reopen a bug that GitHub closed because a merged PR referenced it with a closing keyword, into awaiting QA."),
      })
      .prefault({})
      .describe("Community pull requests: stale timers and comments."),
    timezone: z
      .string()
      .refine(isTimeZone, { message: "must be an IANA time zone such as America/Los_Angeles" })
      .default("America/Los_Angeles")
      .describe("IANA time zone for business days."),
    sweep: z
      .strictObject({
        maxWrites: z
          .number()
          .int()
          .min(1)
          .default(200)
          .describe("Most writes one sweep makes in a repository; the rest waits for the next run."),
      })
      .prefault({})
      .describe("The scheduled sweep that fires timers and repairs what webhooks missed."),
    report: z
      .strictObject({
        issue: z
          .number()
          .int()
          .positive()
          .nullable()
          .default(null)
          .describe("Tracking issue number that receives the weekly report."),
      })
      .prefault({})
      .describe("The weekly report."),
    commands: z
      .partialRecord(z.enum(COMMANDS), z.array(z.string().min(1)).min(1))
      .default({})
      .describe("Narrow a command to roles (`qa`, `em`, `pm`, `headOfProduct`, `maintainer`) or logins."),
    messages: z
      .strictObject(messagesShape)
      .default({})
      .describe("Override any bot message by key; placeholders like `{reporter}`."),
    dryRun: z.boolean().default(false).describe("Decide and log, write nothing."),
    statusComment: z
      .boolean()
      .default(false)
      .describe("One status comment per bug, created at its first transition and edited in place (state, owner, rule, next timer, a folded history); comments that mention someone stay new comments. `/undo` reads the history it keeps; with it off, the issue's timeline (docs/status-comment.md)."),
    undo: z
      .strictObject({
        withinHours: z.number().positive().default(24).describe("`/undo` reverts a transition made at most this many hours ago."),
      })
      .prefault({})
      .describe("`/undo`: revert the bot's most recent transition on an issue (docs/status-comment.md)."),
    rules: rulesSchema,
    // The bugs board (issue 15): its own file, so this schema gains one line.
    board: boardSchema,
  })
  .superRefine((config, ctx) => {
    // A default group that names no group would make `/reproduced` assign nobody, silently.
    if (config.defaultGroup !== null && !(config.defaultGroup in config.groups)) {
      const known = Object.keys(config.groups);
      ctx.addIssue({
        code: "custom",
        path: ["defaultGroup"],
        input: config.defaultGroup,
        message: known.length
          ? `must be one of the groups (${known.map((group) => JSON.stringify(group)).join(", ")})`
          : "must be one of the groups, and `groups` defines none",
      });
    }
    // States are derived from label names: two roles sharing one name could not be told apart.
    const owners = new Map<string, string>();
    for (const [key, name] of Object.entries(config.labels)) {
      if (key.endsWith("Prefix")) continue;
      const owner = owners.get(name.toLowerCase());
      if (owner) {
        const message = `is the same label as labels.${owner}`;
        ctx.addIssue({ code: "custom", path: ["labels", key], input: name, message });
      } else {
        owners.set(name.toLowerCase(), key);
      }
    }
  })
  .describe("Configuration of bug-lifecycle: `.github/bug-lifecycle.yml`. Every key is optional.");

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Labels = Config["labels"];

/** Fleet's handbook defaults: what a repository without a config file gets. */
export const defaultConfig: Config = configSchema.parse({});

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
