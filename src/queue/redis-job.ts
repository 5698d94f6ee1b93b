//! Purpose: a shared-queue job's identity: what it carries, its exclusion key, the shard it runs in and its BullMQ id (the fleet's de-dup key).
import { createHash } from "node:crypto";
import { orderingKey, type Delivery } from "../runtime/delivery.js";

/**
 * A job: a webhook delivery; one repository's part of a fleet sweep tick (the bulk read and the plan); or one
 * due item of it, run in the shard (the fresh re-check and the writes).
 */
export type WorkItem =
  | { kind: "delivery"; delivery: Delivery }
  | { kind: "sweep-repo"; tick: number; installationId: number; owner: string; name: string }
  | { kind: "sweep-issue"; tick: number; installationId: number; owner: string; name: string; number: number; nodeId: string; repositoryId: string; type?: string | null };

/**
 * The exclusion key, as one process's (`orderingKey`): `owner/name#number` for a delivery about an issue or
 * a pull request and for a sweep's due item; `owner/name` for repository-level deliveries (push, milestone,
 * check runs) and the repository's sweep job (reads only: its writes are its items' jobs); a delivery
 * without a repository runs in the shard its id hashes to.
 */
export function keyOf(item: WorkItem): string {
  if (item.kind === "delivery") return orderingKey(item.delivery) ?? item.delivery.id;
  if (item.kind === "sweep-issue") return `${item.owner}/${item.name}#${item.number}`;
  return `${item.owner}/${item.name}`;
}

/** A BullMQ job's data: the item, with its kind beside it. */
export interface JobData {
  kind: WorkItem["kind"];
  item: WorkItem;
}

/** Stable across replicas and restarts: the same issue (or repository-level key) always lands in the same shard. */
export function shardOf(key: string, shards: number): number {
  return createHash("sha1").update(key).digest().readUInt32BE(0) % shards;
}

/** BullMQ custom ids may not contain ":" nor be integers. */
export function jobIdOf(item: WorkItem): string {
  const raw = item.kind === "delivery" ? `d-${item.delivery.id}` : `s-${item.tick}-${keyOf(item)}`;
  return raw.replace(/:/g, "_");
}
