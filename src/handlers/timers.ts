//! Purpose: a delayed job fires one issue's timer (the critical escalation) through the sweep's own rule: read fresh, decide, write.
import { z } from "zod";
import { readItem } from "../github/bulk-read.js";
import { IdBook } from "../github/ids.js";
import { bugClocks } from "../lifecycle/clocks.js";
import { planWrites } from "../lifecycle/plan.js";
import { planSweep } from "../lifecycle/sweep-plan.js";
import { timersOf } from "../lifecycle/timers.js";
import type { Delivery } from "../runtime/delivery.js";
import type { AppPort } from "../runtime/port.js";
import { apply } from "../write/apply.js";

/** The event name of the bot's own delayed jobs: GitHub never sends it, so no webhook can forge one. */
export const TIMER_EVENT = "bug-lifecycle.timer";

/** The timers a delayed job can fire: only those of minutes; days-long timers are the sweep's. */
export type QueuedTimer = "critical-escalation";

const timerPayload = z.object({
  action: z.literal("critical-escalation"),
  run_at: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  repository: z.object({ full_name: z.string(), name: z.string(), owner: z.object({ login: z.string() }) }),
  issue: z.object({ number: z.number(), node_id: z.string() }),
});

/**
 * The delayed job for `timer` on one issue, named after the delivery that started its clock: a redelivery
 * of that webhook schedules nothing new. Shaped like a webhook (`repository`, `issue`, `installation`) so
 * the queue orders it with the issue's other deliveries and the runtime picks the installation's client.
 */
export function timerDelivery(
  source: Delivery,
  timer: QueuedTimer,
  repo: { owner: string; name: string },
  issue: { number: number; nodeId: string },
  runAt: Date,
  installation: number | undefined,
): Delivery {
  const payload: z.infer<typeof timerPayload> = {
    action: timer,
    run_at: runAt.toISOString(),
    repository: { full_name: `${repo.owner}/${repo.name}`, name: repo.name, owner: { login: repo.owner } },
    issue: { number: issue.number, node_id: issue.nodeId },
    ...(installation === undefined ? {} : { installation: { id: installation } }),
  };
  return { id: `timer-${timer}-${source.id}`, name: TIMER_EVENT, payload };
}

/**
 * Fires the timer if it is due: the issue read as it is now, the sweep's plan for it (`planSweep`, the
 * same rule, markers and confirmation), only that timer's writes. Not due yet (GitHub's clock ahead of
 * ours): looked at once more at the timeline's time; anything else (confirmed, escalated, no longer
 * critical) writes nothing. Under the issue's exclusion, like its webhooks.
 */
export async function onTimer(delivery: Delivery, port: AppPort): Promise<void> {
  const parsed = timerPayload.safeParse(delivery.payload);
  if (!parsed.success) return port.log.warn({ delivery: delivery.id }, `malformed timer job: ${parsed.error.issues[0]?.message ?? ""}`);
  const { action, repository, issue } = parsed.data;
  const repo = { owner: repository.owner.login, name: repository.name };
  const log = port.log.child({ delivery: delivery.id, repo: repository.full_name, issue: issue.number });
  await port.exclusive(`${repository.full_name}#${issue.number}`, async () => {
    const octokit = await port.clientFor(delivery);
    const loaded = await port.config(octokit, repo, log, "the timer does nothing");
    if (!loaded.ok) return;
    const config = loaded.config;
    const ids = new IdBook();
    // A personal token's comments are the bot's own (the Action's token is a bot): only then is the identity needed.
    const item = await readItem(octokit, issue.node_id, ids, { self: await port.self() });
    if (!item) return log.info({ timer: action }, "timer: the issue is gone");
    const now = port.now();
    const plans = planSweep(item, config, now, new Set()).filter((plan) => plan.rule === action);
    const effects = plans.flatMap((plan) => plan.effects);
    const writes = planWrites(effects, new Map([[item.number, item]]));
    if (!writes.length) {
      const timer = timersOf({ ...item, clocks: bugClocks(item, item.labels, config) }, config).find((t) => t.name === action);
      const early = timer && timer.at.getTime() > now.getTime() && !delivery.id.endsWith("-again");
      if (early) await port.later?.({ ...delivery, id: `${delivery.id}-again` }, timer.at.getTime());
      return log.info({ timer: action, due: timer?.at.toISOString() ?? null, again: Boolean(early) }, early ? "timer: not due yet, looking again then" : "timer: nothing to do");
    }
    const fields = { timer: action, rule: action, detail: plans.map((plan) => plan.detail).join("; ") };
    await apply(port, { octokit, repo: { ...repo, nodeId: "" }, ids, config, effects, snapshots: [item], dryRun: port.dryRun, delivery: delivery.id, log, line: { msg: "timer fired", fields }, now });
  });
}
