//! Purpose: which failures of a job are GitHub's passing trouble (retry, with backoff honouring retry-after) and which are final.

export interface RetryPolicy {
  /** Runs of a job in all, the first included. */
  maxAttempts: number;
  /** The delay before the second run; doubled for each run after it. */
  baseDelayMs: number;
  /** No wait longer than this, not even when GitHub's `retry-after` asks for more (the sweep repairs the rest). */
  maxDelayMs: number;
}

/**
 * 5 runs over about 1 + 2 + 4 + 8 = 15 s: Probot's own request retries (3 per request) already ran inside
 * each, so what is left is an outage or a rate limit, which the backoff and `retry-after` ride out.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

interface ErrorLike {
  status?: unknown;
  name?: unknown;
  code?: unknown;
  message?: unknown;
  retryAfter?: unknown;
  response?: { headers?: Record<string, unknown> };
  cause?: unknown;
}

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_SOCKET"]);

/** A transient GitHub failure: 5xx, a (secondary) rate limit, a timeout or a dropped connection. */
export function isTransient(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as ErrorLike;
  const status = typeof e.status === "number" ? e.status : undefined;
  if (status !== undefined && status >= 500) return true;
  if (status === 429) return true;
  if (status === 403 && (retryAfterMs(e) !== undefined || /rate limit/i.test(String(e.message ?? "")))) return true;
  if (e.name === "AbortError" || e.name === "TimeoutError") return true;
  if (typeof e.code === "string" && TIMEOUT_CODES.has(e.code)) return true;
  return isTransient(e.cause, depth + 1);
}

/** GitHub's `retry-after` (seconds) from the error or its cause, in ms. */
export function retryAfterMs(error: unknown, depth = 0): number | undefined {
  if (!error || typeof error !== "object" || depth > 3) return undefined;
  const e = error as ErrorLike;
  const raw = e.retryAfter ?? e.response?.headers?.["retry-after"];
  const seconds = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return retryAfterMs(e.cause, depth + 1);
}

/** The wait before run `attempt + 1` (attempt counts from 1), or null when the job is done retrying. */
export function nextDelay(policy: RetryPolicy, attempt: number, error: unknown): number | null {
  if (attempt >= policy.maxAttempts || !isTransient(error)) return null;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs(error) ?? 0));
}
