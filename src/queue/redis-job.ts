//! Purpose: a shared-queue job's identity: what it carries, its exclusion key, the installation lane it runs in, its priority and its BullMQ id (the fleet's de-dup key).
import { installationOf, orderingKey, type Delivery } from "../runtime/delivery.js";

/**
 * A job: a webhook delivery; one repository's part of a fleet sweep tick (the bulk read and the plan); or one
 * due item of it, run in the installation's lane beside the deliveries (the fresh re-check and the writes).
 */
export type WorkItem =
  | { kind: "delivery"; delivery: Delivery }
  | { kind: "sweep-repo"; tick: number; installationId: number; owner: string; name: string }
  | { kind: "sweep-issue"; tick: number; installationId: number; owner: string; name: string; number: number; nodeId: string; repositoryId: string; type?: string | null };

/**
 * The exclusion key, as one process's (`orderingKey`): `owner/name#number` for a delivery about an issue or
 * a pull request and for a sweep's due item; `owner/name` for repository-level deliveries (push, milestone,
 * check runs) and the repository's sweep job (reads only: its writes are its items' jobs); a delivery
 * without a repository is its own key.
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

/**
 * The lane: every job of one installation runs in its lane, and a lane runs on one replica at a time (the
 * lane job's BullMQ lock is the lease), so GitHub's per-installation pacing is that replica's own limiter and
 * one installation's backlog holds nothing another installation needs. Work without an installation (a
 * token run) shares one lane.
 */
export function laneOf(item: WorkItem): string {
  const id = item.kind === "delivery" ? installationOf(item.delivery) : item.installationId;
  return id === undefined ? "none" : String(id);
}

/** BullMQ priority (lower runs first): people's deliveries before the sweep's work in the same lane. */
export function priorityOf(item: WorkItem): number {
  return item.kind === "delivery" ? 1 : 2;
}

/** BullMQ custom ids may not contain ":" nor be integers. */
export function jobIdOf(item: WorkItem): string {
  const raw = item.kind === "delivery" ? `d-${item.delivery.id}` : `s-${item.tick}-${keyOf(item)}`;
  return raw.replace(/:/g, "_");
}
