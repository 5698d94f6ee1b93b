//! Purpose: recover webhooks GitHub failed to hand the app (server down, unreachable, 5xx): redeliver each once, within 3 days.
import type { Logger, ProbotOctokit } from "probot";

/** GitHub redelivers only deliveries of the last 3 days. */
export const REDELIVERY_WINDOW_MS = 3 * 24 * 60 * 60_000;

interface DeliveryItem {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
}

export interface RedeliverySummary {
  /** Attempts listed (within the window). */
  scanned: number;
  /** Delivery guids whose every attempt failed and that nobody redelivered yet. */
  failed: number;
  redelivered: { guid: string; id: number; event: string; action: string | null }[];
  /** Redelivery requests GitHub refused (logged; the next run tries again). */
  errors: number;
  dryRun: boolean;
}

const ok = (item: DeliveryItem) => item.status_code >= 200 && item.status_code < 300;

/**
 * GitHub's recipe ("Automatically redelivering failed deliveries for a GitHub App webhook"): list the app's
 * deliveries newest first, group the attempts by guid, and redeliver one attempt of each guid that never
 * succeeded. "Once" needs no state of ours: a guid with a redelivery attempt already (ours, from another
 * replica, or a person's click) is left alone, so two runs (or two replicas) do not redeliver twice.
 * Called by the server's sweep schedule and by `bug-lifecycle sweep` as the app.
 */
export async function recoverFailedDeliveries(
  app: ProbotOctokit,
  options: { now: () => Date; log: Logger; dryRun?: boolean; windowMs?: number },
): Promise<RedeliverySummary> {
  const since = options.now().getTime() - (options.windowMs ?? REDELIVERY_WINDOW_MS);
  const byGuid = new Map<string, DeliveryItem[]>();
  let scanned = 0;
  const pages = app.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 });
  paging: for await (const page of pages) {
    for (const item of page.data as DeliveryItem[]) {
      // Newest first: the first attempt older than the window ends the listing.
      if (Date.parse(item.delivered_at) < since) break paging;
      scanned += 1;
      const attempts = byGuid.get(item.guid) ?? [];
      attempts.push(item);
      byGuid.set(item.guid, attempts);
    }
  }
  const summary: RedeliverySummary = { scanned, failed: 0, redelivered: [], errors: 0, dryRun: Boolean(options.dryRun) };
  for (const [guid, attempts] of byGuid) {
    if (attempts.some(ok) || attempts.some((a) => a.redelivery)) continue;
    summary.failed += 1;
    const latest = attempts[0] as DeliveryItem;
    const line = { guid, deliveryId: latest.id, event: latest.event, action: latest.action, status: latest.status };
    if (options.dryRun) {
      options.log.info(line, "failed delivery: would redeliver (dry run)");
      continue;
    }
    try {
      await app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: latest.id });
      summary.redelivered.push({ guid, id: latest.id, event: latest.event, action: latest.action });
      options.log.info(line, "failed delivery redelivered");
    } catch (error) {
      summary.errors += 1;
      options.log.error({ ...line, err: error }, "failed delivery: redelivery refused");
    }
  }
  options.log.info({ scanned, failed: summary.failed, redelivered: summary.redelivered.length, errors: summary.errors }, "failed deliveries checked");
  return summary;
}
