//! Purpose: a seeded double and clients pointed at it, shared by the double's tests.
import { ProbotOctokit } from "probot";
import { GitHubDouble } from "@bug-lifecycle/github-double";

export const REPO = "acme/app";

/** ProbotOctokit without retries or throttling, so tests see every answer as the double gave it. */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

export function seeded(): GitHubDouble {
  const double = new GitHubDouble({ appId: 42, appSlug: "bug-lifecycle" });
  double.addRepo(REPO, { labels: [{ name: "bug", color: "d73a4a" }, ":reproduce", ":release"] });
  double.addCollaborator(REPO, "maint", "write");
  double.addCollaborator(REPO, "triager", "triage");
  double.addCollaborator(REPO, "qa-lead", "write", "MEMBER");
  double.addMilestone(REPO, { title: "4.50.0", dueOn: "2024-03-01T00:00:00Z" });
  double.addIssue(REPO, {
    title: "Crash on start",
    author: "reporter",
    labels: ["bug", ":reproduce"],
    createdAt: "2024-01-02T10:00:00Z",
    comments: [{ author: "reporter", body: "Still happens", createdAt: "2024-01-03T10:00:00Z" }],
  });
  double.addPull(REPO, {
    title: "Fix crash",
    author: "contributor",
    body: "Fixes #1",
    createdAt: "2024-01-04T10:00:00Z",
    commits: [{ committedAt: "2024-01-04T09:00:00Z", message: "fix" }],
    reviews: [{ author: "maint", state: "CHANGES_REQUESTED", submittedAt: "2024-01-05T10:00:00Z" }],
  });
  return double;
}

/** An in-process client acting as the app's installation. */
export function botClient(double: GitHubDouble): InstanceType<typeof TestOctokit> {
  return new TestOctokit({ auth: { token: double.installationToken() }, request: { fetch: double.fetch } });
}
