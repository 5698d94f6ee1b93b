//! Purpose: real payloads from @octokit/webhooks-examples: read correctly, and bad ones rejected rather than half-read.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { sentByBot, toEvent } from "../../src/github/to-event.js";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as Example[];
const examplesOf = (name: string) => all.find((group) => group.name === name)?.examples.map((e) => structuredClone(e)) ?? [];
const ACTED_ON = ["opened", "reopened", "labeled", "unlabeled"];

describe("toEvent on GitHub's example payloads", () => {
  it.each(examplesOf("issues").map((payload) => [payload.action as string, payload] as const))("issues.%s", (action, payload) => {
    const result = toEvent("issues", payload);
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
    const result = toEvent("issue_comment", payload);
    expect(result.ok && result.derived?.event.kind).toBe("commented");
    const comment = payload.comment as { id: number; body: string; user: { login: string } };
    expect(result.ok && result.derived?.event).toMatchObject({ comment: { id: comment.id, body: comment.body }, actor: { login: comment.user.login } });
    const isPull = Boolean((payload.issue as { pull_request?: unknown }).pull_request);
    expect(result.ok && result.derived?.issue.isPullRequest).toBe(isPull);
  });

  it("marks bots as bots, whatever their association", () => {
    const payload = examplesOf("issue_comment").find((p) => p.action === "created")!;
    (payload.comment as { user: { login: string; type: string } }).user = { login: "renovate[bot]", type: "Bot" };
    const result = toEvent("issue_comment", payload);
    expect(result.ok && result.derived?.event).toMatchObject({ actor: { isBot: true } });
    expect(sentByBot(payload)).toBe(true);
  });

  it("tells a person's delivery from a bot's before validating anything", () => {
    const person = examplesOf("issues").find((p) => p.action === "labeled")!;
    expect(sentByBot(person)).toBe(false);
    expect(sentByBot({ ...person, sender: { login: "bug-lifecycle[bot]", type: "Bot" } })).toBe(true);
    expect(sentByBot(null)).toBe(false);
    expect(sentByBot({ sender: { login: 42 } })).toBe(false);
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
    const result = toEvent("issues", payload);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed|without/) });
  });

  it("ignores events it has no use for", () => {
    expect(toEvent("star", { action: "created" })).toEqual({ ok: true, derived: null });
  });
});
