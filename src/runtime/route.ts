//! Purpose: which handlers a delivery concerns, each run once per delivery id; a failure is logged, forgotten and thrown.
import type { EventPayloadMap } from "@octokit/webhooks-types";
import type { Logger } from "probot";
import type { TtlCache } from "../github/ttl-cache.js";
import { actionOf, type Delivery } from "./delivery.js";
import type { EventDelivery } from "./event-delivery.js";
import type { AppPort } from "./port.js";

export interface Route {
  name: string;
  /** `event` or `event.action`. */
  events: readonly string[];
  run: (delivery: Delivery, port: AppPort) => Promise<unknown>;
  /** The handler's own first check on the payload alone, asked before queueing: false, and nothing is queued for it. */
  matters?: (delivery: Delivery) => boolean;
}

/**
 * A route whose handler takes its events' payload types: the router runs it only for a delivery whose name is
 * among `events`, which is what makes the one cast below true.
 */
export function route<Name extends keyof EventPayloadMap>(
  name: string,
  events: readonly (Name | `${Name}.${string}`)[],
  run: (delivery: EventDelivery<Name>, port: AppPort) => Promise<unknown>,
  matters?: (delivery: EventDelivery<Name>) => boolean,
): Route {
  return {
    name,
    events,
    run: (delivery, port) => run(delivery as EventDelivery<Name>, port),
    ...(matters && { matters: (delivery: Delivery) => matters(delivery as EventDelivery<Name>) }),
  };
}

/** The routes a delivery concerns, by its event and `event.action`. */
export function routesOf(routes: readonly Route[], delivery: Delivery): Route[] {
  const action = actionOf(delivery);
  const names = [delivery.name, action ? `${delivery.name}.${action}` : null];
  return routes.filter((route) => route.events.some((event) => names.includes(event)));
}

/**
 * Whether any handler would act on this delivery. GitHub sends the app events no route concerns
 * (`issues.assigned`, the echo of the bot's own assignment; `issues.edited`…) and, as often, the echoes of the
 * bot's own labels and comments, which the core's gate drops: the server answers those at once and never
 * queues them, which spares a queue job (and, with replicas, its Redis round trips) for nothing.
 */
export function concerns(routes: readonly Route[], delivery: Delivery): boolean {
  return routesOf(routes, delivery).some((route) => !route.matters || route.matters(delivery));
}

export interface Router {
  handle(delivery: Delivery): Promise<void>;
}

/** Runs every route a delivery concerns, each once per delivery id (`seen`); throws when one failed (retry it). */
export function createRouter(routes: readonly Route[], port: AppPort, seen: TtlCache<string, true>, log: Logger): Router {
  const once = async (route: Route, delivery: Delivery): Promise<void> => {
    // One event can reach two handlers (a PR opened: rules and config check): dedupe per handler.
    const key = `${delivery.id}:${route.name}`;
    if (seen.get(key)) return;
    seen.set(key, true);
    try {
      await route.run(delivery, port);
    } catch (error) {
      // A redelivery of this id must be able to try again.
      seen.delete(key);
      log.error({ delivery: delivery.id, event: delivery.name, err: error }, "handler failed");
      throw error;
    }
  };
  return {
    async handle(delivery) {
      const results = await Promise.allSettled(routesOf(routes, delivery).map((route) => once(route, delivery)));
      const errors = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
      if (errors.length === 1) throw errors[0];
      if (errors.length) throw new AggregateError(errors, `${errors.length} handlers failed for delivery ${delivery.id}`);
    },
  };
}
