//! Purpose: a `node --import` preload for the server benchmark: on SIGUSR2, append this process's CPU time and peak RSS to a file.
// The benchmark reads CPU before and after its load (so start-up is left out) and the peak resident memory
// of the whole life of the process, which `process.resourceUsage().maxRSS` keeps for us (kilobytes).
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("SIGUSR2", () => {
    const cpu = process.cpuUsage();
    const line = { userUs: cpu.user, systemUs: cpu.system, maxRssKb: process.resourceUsage().maxRSS, rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
