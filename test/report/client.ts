//! Purpose: a ProbotOctokit acting as the app's installation on the in-process GitHub double, without retries.
import { ProbotOctokit } from "probot";
import type { GitHubDouble } from "@bug-lifecycle/github-double";

const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

export function botClient(double: GitHubDouble): ProbotOctokit {
  return new TestOctokit({ auth: { token: double.installationToken() }, request: { fetch: double.fetch } }) as unknown as ProbotOctokit;
}
