//! Purpose: real payloads from @octokit/webhooks-examples: read correctly, and bad ones rejected rather than half-read.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { IssueCommentEvent, IssuesEvent } from "@octokit/webhooks-types";
import { z } from "zod";
import { documented, type Reads } from "../../src/github/payload-types.js";
import { toEvent } from "../../src/github/to-event.js";

// The examples are JSON: typed as GitHub documents them, which is what the handlers receive.
const issues = (payload: unknown) => toEvent({ name: "issues", payload: payload as IssuesEvent });
const commented = (payload: unknown) => toEvent({ name: "issue_comment", payload: payload as IssueCommentEvent });

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as Example[];
const examplesOf = (name: string) => all.find((group) => group.name === name)?.examples.map((e) => structuredClone(e)) ?? [];
const ACTED_ON = ["opened", "reopened", "labeled", "unlabeled"];

describe("toEvent on GitHub's example payloads", () => {
  it.each(examplesOf("issues").map((payload) => [payload.action as string, payload] as const))("issues.%s", (action, payload) => {
    const result = issues(payload);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    if (!ACTED_ON.includes(action)) return expect(result.derived).toBeNull();
    const issue = payload.issue as { number: number; labels: { name: string }[]; user: { login: string } };
    expect(result.derived?.event.kind).toBe(action);
    expect(result.derived?.issue).toMatchObject({ number: issue.number, author: issue.user.login, labels: issue.labels.map((l) => l.name) });
    if (action === "labeled" || action === "unlabeled") {
      expect(result.derived?.event).toMatchObject({ label: (payload.label as { name: string }).name });
    }
    expect(result.derived?.ids.issues.get(issue.number)).toBe((payload.issue as { node_id: string }).node_id);
  });

  it.each(examplesOf("issue_comment").filter((p) => p.action === "created").map((p, i) => [i, p] as const))("issue_comment.created #%i", (_i, payload) => {
    const result = commented(payload);
    expect(result.ok && result.derived?.event.kind).toBe("commented");
    const comment = payload.comment as { id: number; body: string; user: { login: string } };
    expect(result.ok && result.derived?.event).toMatchObject({ comment: { id: comment.id, body: comment.body }, actor: { login: comment.user.login } });
    const isPull = Boolean((payload.issue as { pull_request?: unknown }).pull_request);
    expect(result.ok && result.derived?.issue.isPullRequest).toBe(isPull);
  });

  it("marks bots as bots, whatever their association", () => {
    const payload = examplesOf("issue_comment").find((p) => p.action === "created")!;
    (payload.comment as { user: { login: string; type: string } }).user = { login: "renovate[bot]", type: "Bot" };
    const result = commented(payload);
    expect(result.ok && result.derived?.event).toMatchObject({ actor: { isBot: true } });
  });

  it("an issue event's actor is its sender: a bot's label edit is a bot's", () => {
    const payload = examplesOf("issues").find((p) => p.action === "labeled")!;
    expect(issues(payload)).toMatchObject({ derived: { event: { actor: { isBot: false } } } });
    const byBot = { ...payload, sender: { ...(payload.sender as object), login: "bug-lifecycle[bot]", type: "Bot" } };
    expect(issues(byBot)).toMatchObject({ ok: true, derived: { event: { actor: { login: "bug-lifecycle[bot]", isBot: true } } } });
    const unmarked = { ...payload, sender: { ...(payload.sender as object), login: "renovate[bot]", type: "User" } };
    expect(issues(unmarked)).toMatchObject({ derived: { event: { actor: { isBot: true } } } });
  });

  const broken: [string, (p: Record<string, any>) => void][] = [
    ["no issue", (p) => delete p.issue],
    ["issue number is a string", (p) => (p.issue.number = "12")],
    ["labels are not a list", (p) => (p.issue.labels = "bug")],
    ["no repository", (p) => delete p.repository],
    ["labeled without a label", (p) => delete p.label],
  ];
  it.each(broken)("rejects a payload with %s, with a reason", (_name, breakIt) => {
    const payload = examplesOf("issues").find((p) => p.action === "labeled")!;
    breakIt(payload);
    const result = issues(payload);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed|without/) });
  });

  it("ignores events it has no use for", () => {
    expect(commented({ action: "deleted" })).toEqual({ ok: true, derived: null });
    expect(issues({ action: "assigned" })).toEqual({ ok: true, derived: null });
  });
});

// Compile-time (`npm run typecheck`): the check that ties a zod schema to GitHub's documented payloads fails when it should.
const IssueNumber = z.object({ issue: z.object({ number: z.number() }) });
documented<Reads<typeof IssueNumber, IssuesEvent>>();
// @ts-expect-error a field GitHub does not send
documented<Reads<z.ZodObject<{ issue: z.ZodObject<{ nonsense: z.ZodString }> }>, IssuesEvent>>();
// @ts-expect-error a field of another type
documented<Reads<z.ZodObject<{ issue: z.ZodObject<{ number: z.ZodString }> }>, IssuesEvent>>();
// @ts-expect-error a label's name is a string in a list
documented<Reads<z.ZodObject<{ issue: z.ZodObject<{ labels: z.ZodArray<z.ZodObject<{ name: z.ZodNumber }>> }> }>, IssuesEvent>>();
// @ts-expect-error `label` is only in some actions' payloads: the schema must let it be absent
documented<Reads<z.ZodObject<{ label: z.ZodObject<{ name: z.ZodString }> }>, IssuesEvent>>();
