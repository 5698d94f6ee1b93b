//! Purpose: the app's permissions, enforced on installation tokens like GitHub does ("Resource not accessible by integration").
import type { Principal } from "./auth.js";
import type { Route } from "./openapi.js";
import { DoubleError, type Store } from "./store.js";

/** Which permission a REST route category needs (metadata is always granted to apps). */
const CATEGORY: Record<string, string> = {
  issues: "issues",
  reactions: "issues",
  pulls: "pull_requests",
  checks: "checks",
  collaborators: "metadata",
};

/**
 * Throws 403 unless the installation holds `permission` (write for writes). Issue routes on a pull
 * request also accept `pull_requests`, as GitHub does.
 */
export function requirePermission(store: Store, principal: Principal, permissions: string[], write: boolean): void {
  if (principal.kind !== "installation" || !store.permissions) return;
  const granted = permissions.some((name) => {
    if (name === "metadata" && !write) return true;
    const level = store.permissions?.[name];
    return level === "write" || (level === "read" && !write);
  });
  if (!granted) throw new DoubleError(403, "Resource not accessible by integration");
}

/** The permissions that can satisfy a REST call (`onPull`: the issue number names a pull request). */
export function routePermissions(route: Route, onPull: boolean): string[] {
  const meta = route.operation["x-github"];
  if (meta?.category === "repos") return [meta.subcategory === "contents" ? "contents" : "metadata"];
  const permission = CATEGORY[meta?.category ?? ""];
  if (!permission) return [];
  return permission === "issues" && onPull ? ["issues", "pull_requests"] : [permission];
}
