//! Purpose: the in-memory GitHub double's public API (for bug-lifecycle's tests, benchmarks and simulate).
/**
 * Usage:
 *   const double = new GitHubDouble({ appId: 42 });
 *   double.addRepo("acme/app", { labels: ["bug"] });                     // also installs the app for "acme"
 *   double.addIssue("acme/app", { author: "reporter", labels: ["bug"], createdAt: "2024-01-01T00:00:00Z" });
 *   const probot = new Probot({ appId: 42, privateKey, Octokit, request: { fetch: double.fetch } });
 *   double.onWebhook((_name, _payload, event) => probot.receive(event)); // the app hears its own writes
 *   await probot.receive(double.payload("issue_comment.created", { repo: "acme/app", number: 1, actor: "maint", body: "/why" }));
 *   await double.settled();
 *   double.issue("acme/app", 1);                                          // labels, assignees, comments...
 */
export { GitHubDouble, type WebhookListener } from "./double.js";
export type { DoubleRequest, DoubleResponse, RequestRecord } from "./dispatch.js";
export type { Fault, FaultSpec } from "./faults.js";
export type { Listening } from "./http.js";
export type { CommentView, IssueView } from "./inspect.js";
export { validateRestRequest, matchRoute, responseSchema, validateAgainst, webhookSchema } from "./openapi.js";
export { validateSchema, type Schema } from "./json-schema.js";
/** What a person does to a project's single-select field in GitHub's UI (no webhook reaches the app). */
export { deleteOption, renameOption } from "./projects.js";
export { validateGraphql, githubSchema } from "./graphql-schema.js";
export type { PayloadName, PersonAction } from "./person.js";
export type { CommentSeed, CommitSeed, EventSeed, IssueSeed, PullSeed, RepoSeed, ReviewSeed } from "./seed-types.js";
export type { StoreOptions as DoubleOptions } from "./store.js";
export type * from "./types.js";
