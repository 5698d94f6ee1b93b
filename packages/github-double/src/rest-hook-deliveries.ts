//! Purpose: REST for the app's webhook deliveries: list them (newest first, paged by cursor) and redeliver one.
import { ok, type Handler, type RestCtx } from "./rest-context.js";
import type { HookAttempt } from "./hook-log.js";
import { DoubleError } from "./store.js";

function requireApp(ctx: RestCtx): void {
  if (ctx.principal.kind !== "app") throw new DoubleError(401, "A JSON web token could not be decoded");
}

function itemJson(attempt: HookAttempt): Record<string, unknown> {
  return {
    id: attempt.id,
    guid: attempt.guid,
    delivered_at: attempt.deliveredAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    redelivery: attempt.redelivery,
    duration: Math.round(attempt.durationS * 1000) / 1000,
    status: attempt.status,
    status_code: attempt.statusCode,
    event: attempt.event,
    action: attempt.action,
    installation_id: attempt.installationId,
    repository_id: attempt.repositoryId,
    throttled_at: null,
  };
}

/**
 * GitHub pages this list by an opaque `cursor` (not `page`), newest first, and points to the next page
 * with a `link` header. Here the cursor is the id of the first attempt of the page.
 */
const listDeliveries: Handler = (ctx) => {
  requireApp(ctx);
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const status = ctx.query.get("status");
  const newestFirst = [...ctx.store.hookLog.attempts]
    .sort((a, b) => b.deliveredAt.getTime() - a.deliveredAt.getTime() || b.id - a.id)
    .filter((a) => (status === "success" ? a.status === "OK" : status === "failure" ? a.status !== "OK" : true));
  const cursor = ctx.query.get("cursor");
  let start = 0;
  if (cursor) {
    start = newestFirst.findIndex((a) => String(a.id) === cursor);
    if (start < 0) throw new DoubleError(422, "Invalid cursor");
  }
  const page = newestFirst.slice(start, start + perPage);
  const next = newestFirst[start + perPage];
  const headers: Record<string, string> = {};
  if (next) {
    const url = new URL(ctx.url.toString());
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("cursor", String(next.id));
    headers.link = `<${url.toString()}>; rel="next"`;
  }
  return ok(page.map(itemJson), 200, headers);
};

const redeliver: Handler = (ctx) => {
  requireApp(ctx);
  if (!ctx.store.hookLog.redeliver(Number(ctx.params.delivery_id))) throw new DoubleError(404, "Not Found");
  return ok({}, 202);
};

export const hookDeliveryRoutes: Record<string, Handler> = {
  "GET /app/hook/deliveries": listDeliveries,
  "POST /app/hook/deliveries/{delivery_id}/attempts": redeliver,
};
