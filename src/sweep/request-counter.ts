//! Purpose: count a client's GitHub requests (reads and writes) for the sweep's summary line, without touching them.
import type { ProbotOctokit } from "probot";

export interface RequestCount {
  reads: number;
  writes: number;
}

const counters = new WeakMap<object, RequestCount>();

/** The live counter of `octokit` (hooked on first use). Token minting is the auth layer's, not the sweep's. */
export function requestCounter(octokit: ProbotOctokit): RequestCount {
  let counter = counters.get(octokit);
  if (counter) return counter;
  const count: RequestCount = { reads: 0, writes: 0 };
  counters.set(octokit, count);
  octokit.hook.before("request", (options) => {
    const url = String(options.url ?? "");
    if (url.endsWith("/access_tokens")) return;
    const query = (options as { query?: unknown }).query;
    const write = typeof query === "string" ? /^\s*mutation\b/.test(query) : String(options.method ?? "GET").toUpperCase() !== "GET";
    if (write) count.writes++;
    else count.reads++;
  });
  return count;
}
