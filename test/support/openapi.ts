//! Purpose: check a REST request our code sends against GitHub's OpenAPI description, strictly: unknown fields are errors.
import { validateRestRequest as check } from "@bug-lifecycle/github-double";

export interface RestRequest {
  method: string;
  /** A template (`/repos/{owner}/{repo}/check-runs`) or a concrete path (`/repos/o/r/check-runs`). */
  path: string;
  body?: unknown;
}

/**
 * Every way the request breaks the endpoint's description; empty when it conforms. Stricter than the double
 * (and GitHub): GitHub silently ignores a misspelt field, so our tests must not.
 */
export function validateRestRequest(request: RestRequest): string[] {
  return check(request, { strict: true });
}
