//! Purpose: a CPU profile and GC summary of the measured window only (`BENCH_WINDOW_PROF=DIR npm run bench:replicas`): SIGUSR2 starts it, the next SIGUSR2 writes DIR/<pid>.cpuprofile and DIR/<pid>.gc.json.
// Preloaded into each server by the bench (never by the app): `--cpu-prof` would include start-up and warm-up.
import { Session } from "node:inspector";
import { writeFileSync } from "node:fs";
import { PerformanceObserver, constants } from "node:perf_hooks";

const dir = process.env.BENCH_WINDOW_PROF;
const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: "major", [constants.NODE_PERFORMANCE_GC_MINOR]: "minor", [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb" };
const session = new Session();
session.connect();
let running = false;
/** GC pauses in the window by kind: count and milliseconds. */
let gc = {};
const observer = new PerformanceObserver((list) => {
  if (!running) return;
  for (const entry of list.getEntries()) {
    const kind = kinds[entry.detail?.kind] ?? String(entry.detail?.kind);
    gc[kind] ??= { count: 0, ms: 0 };
    gc[kind].count++;
    gc[kind].ms += entry.duration;
  }
});
observer.observe({ entryTypes: ["gc"] });
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    gc = {};
    session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 250 }, () => session.post("Profiler.start")));
    return;
  }
  running = false;
  session.post("Profiler.stop", (error, result) => {
    if (error) return;
    writeFileSync(`${dir}/${process.pid}.gc.json`, JSON.stringify({ gc, heapUsedMb: process.memoryUsage().heapUsed / 1e6 }));
    writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
