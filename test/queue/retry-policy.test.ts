import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, isTransient, nextDelay, retryAfterMs } from "../../src/queue/retry-policy.js";

const httpError = (status: number, headers: Record<string, string> = {}, message = "x") =>
  Object.assign(new Error(message), { status, response: { headers } });

describe("retry policy", () => {
  it.each([
    ["502 after Probot's retries", httpError(502), true],
    ["500", httpError(500), true],
    ["429", httpError(429), true],
    ["secondary rate limit (403 + retry-after)", httpError(403, { "retry-after": "30" }), true],
    ["secondary rate limit by message", httpError(403, {}, "You have exceeded a secondary rate limit"), true],
    ["a plain 403 (no permission)", httpError(403, {}, "Resource not accessible by integration"), false],
    ["404", httpError(404), false],
    ["422", httpError(422), false],
    ["a timeout", Object.assign(new Error("t"), { name: "TimeoutError" }), true],
    ["a reset connection", Object.assign(new Error("socket"), { code: "ECONNRESET" }), true],
    ["a 502 as the cause of a wrapped error", new Error("2 of 2 writes failed", { cause: httpError(502) }), true],
    ["a bug in the app", new TypeError("undefined is not a function"), false],
  ])("%s → transient: %s", (_name, error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });

  it("backs off exponentially up to the limit of attempts", () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => nextDelay(DEFAULT_RETRY, attempt, httpError(502)));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, null]);
  });

  it("honours retry-after when it asks for longer than the backoff, capped by maxDelayMs", () => {
    expect(retryAfterMs(httpError(403, { "retry-after": "7" }))).toBe(7_000);
    expect(nextDelay(DEFAULT_RETRY, 1, httpError(403, { "retry-after": "7" }))).toBe(7_000);
    expect(nextDelay(DEFAULT_RETRY, 1, httpError(403, { "retry-after": "3600" }))).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(nextDelay(DEFAULT_RETRY, 4, httpError(503, { "retry-after": "0" }))).toBe(8_000);
  });

  it("never retries a final failure", () => {
    expect(nextDelay(DEFAULT_RETRY, 1, httpError(404))).toBeNull();
  });
});
