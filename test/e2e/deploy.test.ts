//! Purpose: the production recipe of docs/deploying.md, run as written in a copy of the clone (npm ci, build, prune, start with no compiler), and the Dockerfile's steps run the same way; each server then passes its health check and handles a delivery.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, serveDouble, startProcess, type Served, type Started } from "./support/cli.js";
import { build, runEnv, workdirOf } from "./support/dockerfile.js";
import { freePort, NODE24, NODE24_PLATFORM, ROOT, rsaKey, SERVER_NODE_FLAGS, sign, waitFor } from "./support/server.js";

let served: Served | undefined;
let started: Started | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await started?.stop();
  await served?.close();
  started = undefined;
  served = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh clone: the repository's files as committed or about to be (no node_modules, lib/ or .env). */
function clone(): string {
  const dir = mkdtempSync(join(tmpdir(), "bug-lifecycle-clone-"));
  dirs.push(dir);
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  return dir;
}

/** npm reads packages from its cache first, as a warm build cache would; anything missing comes from the registry. */
const NPM_CACHE = { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

/** The one ```sh block under "## Production recipe" in docs/deploying.md: the commands, comments stripped. */
function recipe(): string[] {
  const page = readFileSync(join(ROOT, "docs/deploying.md"), "utf8");
  const section = page.slice(page.indexOf("## Production recipe"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n").map((line) => line.replace(/\s+#.*$/, "").trim()).filter(Boolean);
}

/** The running server as GitHub sees it: a signed `issues.opened`, answered 200, and the bot's labels on the double. */
async function handlesADelivery(url: string, secret: string, s: Served): Promise<void> {
  const delivery = s.double.payload("issues.opened", { repo: REPO, actor: "reporter", labels: ["bug"], title: "Crash on enroll", body: "Steps" });
  const body = JSON.stringify(delivery.payload);
  const answer = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": delivery.id, "x-hub-signature-256": sign(body, secret) },
    body,
  });
  expect(answer.status).toBe(200);
  await waitFor(() => (s.double.issue(REPO, 1).labels.includes(":reproduce") ? true : undefined), 20_000, "the server to label the new bug");
}

const SECRET = "a-production-webhook-secret";

describe("deploying", () => {
  it("docs/deploying.md's production recipe works as written: build, prune to production dependencies, start without a compiler", async () => {
    const dir = clone();
    const steps = recipe();
    expect(steps.length).toBeGreaterThanOrEqual(3);
    const start = steps.pop()!;
    for (const step of steps) {
      const run = spawnSync("sh", ["-c", step], { cwd: dir, env: { ...process.env, ...NPM_CACHE }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      expect(run.status, `${step}\n${run.stdout}\n${run.stderr}`).toBe(0);
      // npm ci on the machine's Node: no engine warning (engines, and no dependency that wants a newer Node).
      expect(run.stderr, step).not.toContain("EBADENGINE");
    }
    // Only production dependencies: no compiler, no test runner, no Node 24 binary. (npm keeps the workspaces'
    // links, node_modules/@bug-lifecycle/*: they point into packages/, which the server never imports.)
    for (const dev of ["typescript", "vitest", "esbuild", "node24"]) expect(existsSync(join(dir, "node_modules", dev)), dev).toBe(false);
    expect(existsSync(join(dir, "lib/index.js"))).toBe(true);

    served = await serveDouble();
    const port = await freePort();
    // The last line as a person types it, in its own process group (npm, sh and the server stop together).
    const child = spawn("sh", ["-c", start], {
      cwd: dir,
      detached: true,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...served.host, ...served.app, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: "127.0.0.1", SWEEP_SCHEDULE: "off", LOG_FORMAT: "json" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise((done) => child.once("exit", done));
    started = { output: () => output, exited: exited as Promise<number | null>, stop: async () => (child.exitCode === null && process.kill(-child.pid!, "SIGTERM"), void (await exited)) };
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`"${start}" exited with ${child.exitCode}:\n${output}`);
      return (await fetch(`${url}/ping`).then((r) => r.ok, () => false)) || undefined;
    }, 60_000, `the server started by "${start}"`);
    expect(output).not.toContain("tsc");
    await handlesADelivery(url, SECRET, served);
  }, 600_000);

  it.skipIf(!NODE24_PLATFORM)("the Dockerfile's steps, run the same way without Docker: multi-stage, non-root, no compiler, the health check passes", async () => {
    // No Docker daemon here and no base image can be pulled: each stage is a directory, RUN a shell in it, and
    // node:24 is the node24 optional dependency (Node 24 from the npm registry).
    const context = clone();
    const image = build(join(context, "Dockerfile"), { context, nodeBin: dirname(NODE24), env: NPM_CACHE });
    for (const stage of image.stages) dirs.push(stage.root);
    expect(image.stages.length).toBeGreaterThanOrEqual(2);
    expect(image.stages.every((stage) => /^node:24[-.]/.test(stage.image))).toBe(true);
    expect(image.final.user).toBeDefined();
    expect(["root", "0"]).not.toContain(image.final.user);
    expect(image.final.env.NODE_ENV).toBe("production");
    const app = workdirOf(image.final);
    for (const dev of ["typescript", "vitest", "esbuild", "node24"]) expect(existsSync(join(app, "node_modules", dev)), dev).toBe(false);
    expect(existsSync(join(app, "src"))).toBe(false);
    expect(image.healthcheck?.cmd.length).toBeGreaterThan(0);

    served = await serveDouble();
    const port = await freePort();
    // `docker run -e …`: the app's settings come from the environment. (The test runs as this machine's user;
    // USER node is checked above, not switched to.)
    const env = runEnv(image.final, { nodeBin: dirname(NODE24) }, { ...served.host, ...served.app, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: "127.0.0.1", SWEEP_SCHEDULE: "off", LOG_FORMAT: "json" });
    const [command, ...args] = image.cmd as [string, ...string[]];
    expect(command).toBe("node");
    // The image runs the server as `npm start` does: its entry and its Node flags (docs/deploying.md).
    expect(args).toEqual([...SERVER_NODE_FLAGS, "lib/start.js"]);
    started = startProcess(args, env, { node: NODE24, cwd: app });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/ping`).then((r) => r.ok, () => false)) || undefined, 60_000, `the image's CMD to listen:\n${started.output()}`);
    const [check, ...checkArgs] = image.healthcheck!.cmd as [string, ...string[]];
    expect(check).toBe("node");
    const health = spawnSync(NODE24, checkArgs, { cwd: app, env, encoding: "utf8" });
    expect(health.status, health.stderr).toBe(0);
    await handlesADelivery(url, SECRET, served);
    await started.stop();
    started = undefined;
    // Stopped: the health check fails.
    expect(spawnSync(NODE24, checkArgs, { cwd: app, env, encoding: "utf8" }).status).toBe(1);
  }, 600_000);
});
