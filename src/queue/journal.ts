//! Purpose: the one-process server's durable journal: a file per accepted delivery, written before the answer, removed when done, replayed at start.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { QueuedDelivery } from "./work-queue.js";

/**
 * Why a journal and not GitHub's deliveries log: GitHub lists a delivery answered 200 as delivered, so the log
 * cannot tell "accepted and finished" from "accepted and lost in a crash"; replaying every 200 of the last
 * minutes would redo finished work, needs the app's JWT (a token deployment has none) and pages through the
 * whole app's deliveries at every start. The journal knows exactly what this process accepted and did not
 * finish. (The deliveries log still recovers what was *refused*: the sweep's `redeliverFailed`.)
 *
 * A file is written in full under a temporary name, flushed to disk, then renamed: a replay never reads half
 * a delivery, and the rename is what the 200 waits for. Names sort in acceptance order.
 */
export interface Journal {
  readonly dir: string;
  /** Writes the delivery's file (durable when it resolves); returns its name for `keep`/`drop`. */
  write(delivery: QueuedDelivery): Promise<string>;
  /** The queue accepted the file's delivery: `done(id)` removes it once the work is finished. */
  keep(id: string, name: string): void;
  /** The queue did not take it (a duplicate, or shutting down): the file goes now. */
  drop(name: string): Promise<void>;
  /** The delivery's work finished (or failed for good, which the queue logs): its file goes. */
  done(id: string): Promise<void>;
  /** What an earlier process accepted and never finished, oldest first (files that cannot be read are logged and removed). */
  unfinished(): Promise<{ name: string; delivery: QueuedDelivery }[]>;
}

const SUFFIX = ".json";

/** Creates `dir` if needed (synchronously: at start, where a failure must stop the server). */
export function openJournal(dir: string, log: Pick<Logger, "warn" | "error">): Journal {
  mkdirSync(dir, { recursive: true });
  const kept = new Map<string, string>();
  let seq = 0;
  const safe = (id: string) => id.replace(/[^\w.-]/g, "_").slice(0, 100);

  return {
    dir,
    async write(delivery) {
      const name = `${String(Date.now()).padStart(15, "0")}-${String(seq++ % 1e6).padStart(6, "0")}-${safe(delivery.id)}${SUFFIX}`;
      const temporary = join(dir, `.${name}.${randomBytes(4).toString("hex")}.tmp`);
      const file = await open(temporary, "w");
      try {
        await file.writeFile(JSON.stringify({ id: delivery.id, name: delivery.name, payload: delivery.payload }));
        // SIGKILL alone spares the page cache; the flush is for the machine going down with the process.
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, join(dir, name));
      return name;
    },
    keep(id, name) {
      kept.set(id, name);
    },
    async drop(name) {
      await rm(join(dir, name), { force: true });
    },
    async done(id) {
      const name = kept.get(id);
      // A delivery the journal never held (a delayed job's, or one replayed and already done).
      if (name === undefined) return;
      kept.delete(id);
      try {
        await rm(join(dir, name), { force: true });
      } catch (error) {
        // Left behind, it is replayed once at the next start: harmless (handlers are safe to run twice), said here.
        log.warn({ err: error, file: name }, "journal: could not remove a finished delivery's file");
      }
    },
    async unfinished() {
      const names = (await readdir(dir)).sort();
      const found: { name: string; delivery: QueuedDelivery }[] = [];
      for (const name of names) {
        // A temporary file is a write the process died during: its delivery was never answered 200.
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          await rm(join(dir, name), { force: true });
          continue;
        }
        if (!name.endsWith(SUFFIX)) continue;
        try {
          const parsed = JSON.parse(await readFile(join(dir, name), "utf8")) as Partial<QueuedDelivery>;
          if (typeof parsed.id !== "string" || typeof parsed.name !== "string") throw new Error("not a delivery");
          found.push({ name, delivery: { id: parsed.id, name: parsed.name, payload: parsed.payload } });
        } catch (error) {
          log.error({ err: error, file: join(dir, name) }, "journal: an unreadable file was removed; the next sweep repairs what its delivery asked");
          await rm(join(dir, name), { force: true });
        }
      }
      return found;
    },
  };
}
