//! Purpose: a `node --import` preload for the server benchmark: on SIGUSR2, append this process's CPU time and peak RSS to a file.
// The benchmark reads CPU before and after its load (so start-up is left out) and the peak resident memory
// of the whole life of the process, which `process.resourceUsage().maxRSS` keeps for us (kilobytes).
// With BENCH_CPU_PROF=DIR, the same two signals also start and stop a sampling CPU profile of exactly the
// measured load, written to DIR/<pid>.cpuprofile (open it in Chrome DevTools, or summarise it with
// `node bench/profile-summary.mjs FILE`).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const file = process.env.BENCH_USAGE_FILE;
const profileDir = process.env.BENCH_CPU_PROF;
let session;

function post(method, params) {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result))));
}

async function profile() {
  if (!session) {
    session = new Session();
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 100 });
    await post("Profiler.start");
    return;
  }
  const { profile: result } = await post("Profiler.stop");
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(join(profileDir, `${process.pid}.cpuprofile`), JSON.stringify(result));
}

if (file) {
  process.on("SIGUSR2", async () => {
    const cpu = process.cpuUsage();
    const line = { userUs: cpu.user, systemUs: cpu.system, maxRssKb: process.resourceUsage().maxRSS, rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed };
    // The profile is written before the usage line, so the benchmark's wait for the line covers it.
    if (profileDir) await profile();
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
