//! Purpose: the one schema of `.github/bug-lifecycle.yml`: its type, its validator and its defaults (Fleet's handbook).
import { z } from "zod";
import { MESSAGE_KEYS, type MessageKey } from "./messages.js";

const login = z.string().min(1).regex(/^[A-Za-z0-9-]+(\[bot\])?$/, "must be a GitHub login");
const days = z.number().int().min(0);

/** Label names the bot reads and writes. Every name can be changed to match an existing repository. */
export const labelsSchema = z
  .strictObject({
    /** Marks an issue as a bug: without it the lifecycle ignores the issue. */
    bug: z.string().min(1).default("bug"),
    /** State `inbox`: waiting for QA to reproduce. */
    reproduce: z.string().min(1).default(":reproduce"),
    /** State `drafting`: waiting for product. */
    product: z.string().min(1).default(":product"),
    /** State `engineering`: scheduled into a release. */
    release: z.string().min(1).default(":release"),
    /** Sub-state of `:release`: fixed, waiting for QA. */
    awaitingQa: z.string().min(1).default("~awaiting QA"),
    /** Sub-state of `:release`: QA passed. */
    readyForRelease: z.string().min(1).default("~ready for release"),
    /** Attribute: waiting for the reporter. */
    needsInfo: z.string().min(1).default("~needs info"),
    /** Attribute: critical bug. */
    critical: z.string().min(1).default("~critical bug"),
    /** Attribute: bug in unreleased code. */
    unreleased: z.string().min(1).default("~unreleased bug"),
    /** Attribute: bug found in a released version. */
    released: z.string().min(1).default("~released bug"),
    /** Labels starting with this prefix mark an issue tracked by a person: no timer ever closes it. */
    trackedPrefix: z.string().min(1).default("+"),
    /** Labels starting with this prefix are product-group labels. */
    groupPrefix: z.string().min(1).default("#g-"),
    /** Labels starting with this prefix mark a customer-reported bug (reports). */
    customerPrefix: z.string().min(1).default("customer-"),
  })
  .prefault({});

/** A product group: the label that names it and who owns its bugs. */
export const groupSchema = z.strictObject({
  /** Engineering manager: owns `reproduced` and `engineering`. */
  em: login.optional(),
  /** Product manager: owns `drafting`. Falls back to `people.headOfProduct`. */
  pm: login.optional(),
});

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
] as const;
export type CommandName = (typeof COMMANDS)[number];

const messagesShape = Object.fromEntries(MESSAGE_KEYS.map((key) => [key, z.string().min(1).optional()])) as Record<
  MessageKey,
  z.ZodOptional<z.ZodString>
>;

export const configSchema = z.strictObject({
  /** JSON Schema reference for editors; ignored by the bot. */
  $schema: z.string().optional(),
  labels: labelsSchema,
  people: z
    .strictObject({
      /** QA logins: assigned on `awaiting-qa`, mentioned by the inbox SLA. */
      qa: z.array(login).default([]),
      /** Owns `drafting` when the group has no PM; mentioned on critical bugs. */
      headOfProduct: login.nullable().default(null),
    })
    .prefault({}),
  /** Product groups keyed by their label, e.g. `"#g-mdm": { em: mdm-em, pm: mdm-pm }`. */
  groups: z.record(z.string().min(1), groupSchema).default({}),
  /** Group used by `/reproduced`, `/engineering` and `/unreleased` when none is given or on the issue. */
  defaultGroup: z.string().min(1).nullable().default(null),
  needsInfo: z
    .strictObject({
      /** Days after the request without a reply before one reminder. */
      remindAfterDays: days.default(14),
      /** Days after the request without a reply before the issue is closed as not planned. */
      closeAfterDays: days.default(28),
    })
    .prefault({}),
  inbox: z
    .strictObject({
      /** Assign the QA people when a bug enters the inbox. */
      assignQa: z.boolean().default(false),
      /** Business days a bug may wait in the inbox before QA is reminded. */
      slaBusinessDays: days.default(1),
      /** Thank community reporters with one comment when their bug is opened. */
      acknowledge: z.boolean().default(true),
    })
    .prefault({}),
  unreleased: z
    .strictObject({
      /** `/unreleased` sets the earliest open milestone. */
      setMilestone: z.boolean().default(false),
    })
    .prefault({}),
  /** Days in `reproduced` without `:release` before the bug goes back to product (six-week rule). */
  reprioritizeAfterDays: days.default(42),
  pullRequests: z
    .strictObject({
      /** Days waiting on a community author before the PR is converted to draft. */
      draftAfterDays: days.default(7),
      /** Days without an update by a community author before the PR is closed. */
      closeAfterDays: days.default(365),
      /** Thank community authors when their PR is merged. */
      thankOnMerge: z.boolean().default(true),
      /** Ask PR authors not to close bugs with closing keywords. */
      warnClosingKeywords: z.boolean().default(true),
    })
    .prefault({}),
  /** IANA time zone for business days. */
  timezone: z
    .string()
    .refine(isTimeZone, { message: "must be an IANA time zone such as America/Los_Angeles" })
    .default("America/Los_Angeles"),
  sweep: z
    .strictObject({
      /** Most writes one sweep makes in a repository; the rest waits for the next run. */
      maxWrites: z.number().int().min(1).default(200),
    })
    .prefault({}),
  report: z
    .strictObject({
      /** Tracking issue number that receives the weekly report. */
      issue: z.number().int().positive().nullable().default(null),
    })
    .prefault({}),
  /** Narrow a command to roles (`qa`, `em`, `pm`, `headOfProduct`, `maintainer`) or logins. */
  commands: z
    .partialRecord(z.enum(COMMANDS), z.array(z.string().min(1)).min(1))
    .default({}),
  /** Override any bot message by key; placeholders like `{reporter}`. */
  messages: z.strictObject(messagesShape).default({}),
  /** Decide and log, write nothing. */
  dryRun: z.boolean().default(false),
});

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
