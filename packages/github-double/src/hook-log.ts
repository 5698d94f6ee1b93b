//! Purpose: the app's webhook deliveries as GitHub records them: one attempt per try (status, redelivery), for `/app/hook/deliveries`.
import { createHmac } from "node:crypto";
import type { Delivery } from "./types.js";

export interface HookAttempt {
  /** The attempt's id (`delivery_id` in the API); every redelivery gets a new one. */
  id: number;
  /** `X-GitHub-Delivery`: shared by the first delivery and its redeliveries. */
  guid: string;
  deliveredAt: Date;
  redelivery: boolean;
  durationS: number;
  /** `OK`, `Invalid HTTP Response: 500`, `failed to connect`: GitHub's words. */
  status: string;
  /** 0 when the app was unreachable. */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  /** What was sent, so a redelivery sends the same. */
  delivery: Delivery;
}

export interface HookTarget {
  url: string;
  secret: string;
}

const succeeded = (statusCode: number) => statusCode >= 200 && statusCode < 300;

export class HookLog {
  /** Oldest first. */
  readonly attempts: HookAttempt[] = [];
  /** Where deliveries go (`double.hookTarget(...)`); redeliveries need it. */
  target: HookTarget | undefined;
  private nextId = 1;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly clock: () => Date) {}

  /** Records an attempt whose answer is known (a test that sent the delivery itself). */
  record(delivery: Delivery, statusCode: number, options: { redelivery?: boolean; durationS?: number; at?: Date } = {}): HookAttempt {
    const payload = delivery.payload as { action?: string; installation?: { id?: number }; repository?: { id?: number } };
    const attempt: HookAttempt = {
      id: this.nextId++,
      guid: delivery.id,
      deliveredAt: options.at ?? this.clock(),
      redelivery: options.redelivery ?? false,
      durationS: options.durationS ?? 0,
      status: statusCode === 0 ? "failed to connect" : succeeded(statusCode) ? "OK" : `Invalid HTTP Response: ${statusCode}`,
      statusCode,
      event: delivery.name,
      action: payload.action ?? null,
      installationId: payload.installation?.id ?? null,
      repositoryId: payload.repository?.id ?? null,
      delivery,
    };
    this.attempts.push(attempt);
    return attempt;
  }

  /** Sends a delivery to the target as GitHub does (signed, 10 s timeout) and records the attempt. */
  async send(delivery: Delivery, redelivery = false): Promise<HookAttempt> {
    const target = this.target;
    if (!target) throw new Error("the double has no webhook target: call double.hookTarget(url, secret) first");
    const body = JSON.stringify(delivery.payload);
    const started = performance.now();
    let statusCode = 0;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/double",
          "x-github-event": delivery.name,
          "x-github-delivery": delivery.id,
          "x-hub-signature-256": `sha256=${createHmac("sha256", target.secret).update(body).digest("hex")}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      statusCode = response.status;
    } catch {
      statusCode = 0; // unreachable or timed out: GitHub records "failed to connect"
    }
    return this.record(delivery, statusCode, { redelivery, durationS: (performance.now() - started) / 1000 });
  }

  /** `POST /app/hook/deliveries/{id}/attempts`: answered 202 at once, delivered after. */
  redeliver(id: number): boolean {
    const attempt = this.attempts.find((a) => a.id === id);
    if (!attempt) return false;
    if (!this.target) {
      this.record(attempt.delivery, 0, { redelivery: true });
      return true;
    }
    const sending: Promise<unknown> = this.send(attempt.delivery, true).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
    return true;
  }

  /** Waits for redeliveries in flight. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
