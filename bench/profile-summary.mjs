//! Purpose: summarise a `.cpuprofile` (from `BENCH_CPU_PROF=DIR npm run bench:server`) as CPU per delivery by package and by function.
// Usage: node bench/profile-summary.mjs FILE [DELIVERIES=3000]
// Self time only (where the samples landed), idle left out. Packages are node_modules names, `node:…` for
// Node's internals, `app:…` for this app's built files; the GC and native frames keep V8's names.
import { readFileSync } from "node:fs";

const [file, deliveries = "3000"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/profile-summary.mjs FILE [DELIVERIES]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);
const msPerSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
const perDelivery = (count) => ((count * msPerSample) / Number(deliveries)).toFixed(3).padStart(7);

function packageOf(frame) {
  const url = frame.url;
  if (!url) return frame.functionName || "(native)";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  if (url.startsWith("node:")) return url.replace(/^node:internal\/(deps\/)?/, "node:").split("/").slice(0, 2).join("/");
  if (url.includes("/lib/")) return `app:${url.split("/lib/")[1]}`;
  return url;
}

const byPackage = new Map();
const byFunction = new Map();
let busy = 0;
for (const [id, count] of samples) {
  const frame = nodes.get(id).callFrame;
  const name = packageOf(frame);
  if (name === "(idle)") continue;
  busy += count;
  byPackage.set(name, (byPackage.get(name) ?? 0) + count);
  const fn = `${name} ${frame.functionName || "(anonymous)"}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
}
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`${perDelivery(busy)} ms CPU per delivery (sampled, idle left out)\n\nby package`);
for (const [name, count] of top(byPackage, 30)) console.log(perDelivery(count), name);
console.log("\nby function");
for (const [name, count] of top(byFunction, 30)) console.log(perDelivery(count), name);
