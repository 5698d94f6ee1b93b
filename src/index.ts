//! Purpose: the Probot server adapter: verified deliveries go into the work queue (memory, or Redis for replicas), which feeds the runtime. No decisions here.
import type { ApplicationFunction, ApplicationFunctionOptions, Probot } from "probot";
import { quietPacerErrors } from "./queue/pacer-outage.js";
import { readinessHandler, readinessOf } from "./queue/readiness.js";
import { oneProcessQueue, queueStatusHandler, shutDownOnSigterm } from "./queue/server-queue.js";
import { startReplica, type Replica } from "./queue/replica.js";
import type { WorkQueue } from "./queue/work-queue.js";
import { concernsApp } from "./runtime/routes.js";
import type { Later } from "./runtime/port.js";
import { createRuntime, type Runtime } from "./runtime/runtime.js";
import { SettingsError, webhookSecretProblem } from "./runtime/settings.js";

/**
 * The app function for a runtime that already exists (tests and `simulate` build theirs on a double).
 * With a queue, a delivery is answered once Probot verified and parsed it and the queue accepted it;
 * without one (in-process tests) the runtime handles it before the answer.
 */
export function serverApp(runtime: Runtime, options: { schedule?: boolean; queue?: WorkQueue } = {}): ApplicationFunction {
  return (probot: Probot) => {
    const queue = options.queue;
    probot.onAny(async (context) => {
      const delivery = { id: context.id, name: context.name, payload: context.payload };
      // An event no handler runs on is answered at once, and never queued.
      if (!concernsApp(delivery)) return;
      if (!queue) {
        try {
          return await runtime.handle(delivery);
        } catch (error) {
          // Probot answers with an error's `status`: GitHub's 403 (a rate limit) would read as the sender's fault.
          // A failed handler is ours: 500, so GitHub lists the delivery as failed and it can be redelivered.
          throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
        }
      }
      // Refused while shutting down: GitHub records a failed delivery, and the redelivery step recovers it.
      if ((await queue.accept(delivery)) === "closed") throw new Error(`shutting down: delivery ${context.id} not accepted`);
    });
    if (options.schedule ?? true) runtime.startSchedule();
  };
}

/**
 * `probot run ./lib/index.js`: a runtime from the environment, on Probot's auth and log, behind the work queue:
 * in memory, or with `REDIS_URL` the fleet's shared BullMQ queue (this server is then one replica of many).
 */
export default function app(probot: Probot, options?: ApplicationFunctionOptions): void {
  const problem = webhookSecretProblem(process.env);
  if (problem) {
    // One line and exit 1: a thrown error here would print Probot's stack trace, and the server would listen anyway.
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  let replica: Replica | undefined;
  // The runtime and its queue need each other: the queue runs the runtime's handlers, the runtime schedules
  // delayed jobs on the queue. Both closures run only once the two exist.
  let queue: WorkQueue | undefined;
  const later: Later = (delivery, runAt) => queue!.later(delivery, runAt);
  let runtime: Runtime;
  try {
    runtime = createRuntime({ env: process.env, probot, later, onConfigChange: (repo) => replica?.configChanged(repo) });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // A bad setting: one line naming the variable and exit 2, as the CLI does (not Probot's stack trace,
    // and before anything connects with it).
    process.stderr.write(`bug-lifecycle: refusing to start: ${error.message}\n`);
    process.exit(2);
  }
  for (const warning of runtime.settings.retired) runtime.log.warn(warning);
  const redis = runtime.settings.redis;
  if (redis) {
    replica = startReplica(runtime, redis);
    const queue = replica.queue;
    void quietPacerErrors(probot, (error) => queue.outage(error));
  }
  try {
    queue = replica?.queue ?? oneProcessQueue(runtime);
  } catch (error) {
    // The journal's directory cannot be made: accepting deliveries it cannot keep would break the promise.
    process.stderr.write(`bug-lifecycle: refusing to start: JOURNAL_DIR ${runtime.settings.journalDir}: ${error instanceof Error ? error.message : String(error)} (set a writable directory, or JOURNAL_DIR=off)\n`);
    process.exit(2);
  }
  options?.addHandler?.(queueStatusHandler(queue));
  let stopping = false;
  options?.addHandler?.(readinessHandler(() => readinessOf(stopping, replica?.queue.health)));
  shutDownOnSigterm(queue, runtime, replica, () => (stopping = true));
  // Replicas sweep through the fleet's one schedule (src/queue/fleet-sweep.ts), never each on its own.
  void serverApp(runtime, { schedule: !replica, queue })(probot, options ?? { cwd: process.cwd(), addHandler: () => {} });
}
