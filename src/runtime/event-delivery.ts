//! Purpose: a delivery of a named event, its payload typed as GitHub documents it (`@octokit/webhooks-types`).
import type { EventPayloadMap } from "@octokit/webhooks-types";
import type { Delivery } from "./delivery.js";

/**
 * What the router hands a handler once it has matched the event's name. The payload came from outside, so
 * the types say what GitHub documents, not what arrived: a handler still checks what it reads with zod.
 */
export type EventDelivery<Name extends keyof EventPayloadMap> = Name extends unknown ? Delivery & { name: Name; payload: EventPayloadMap[Name] } : never;
