//! Purpose: a real redis-server per test file, on a unix socket with persistence off (or AOF on, for restart tests), stopped after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export const INSTALL_HINT = "redis-server is not on PATH: the Redis tests are skipped. Install it with `apt-get install redis-server`.";

/** Whether the Redis tests can run here; when not, says so once with the install command. */
export function redisAvailable(): boolean {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
  if (!found) console.warn(INSTALL_HINT);
  return found;
}

export interface RedisProcess {
  /** The unix socket path: what `REDIS_URL` is set to. */
  url: string;
  client(): Redis;
  /** SIGTERM and wait (with `persist`, the AOF keeps what was written). */
  stop(): Promise<void>;
  /** Starts it again on the same socket (and, with `persist`, the same data). */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

export async function startRedis(options: { persist?: boolean } = {}): Promise<RedisProcess> {
  const dir = mkdtempSync(join(tmpdir(), "bug-lifecycle-redis-"));
  const socket = join(dir, "redis.sock");
  let child: ChildProcess | null = null;
  const clients: Redis[] = [];
  const args = [
    "--port", "0",
    "--unixsocket", socket,
    "--unixsocketperm", "700",
    "--save", "",
    "--dir", dir,
    ...(options.persist ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  ];
  const start = async () => {
    const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    proc.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child = proc;
    const deadline = Date.now() + 10_000;
    while (!/ready to accept connections/i.test(output)) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((done) => {
      proc.once("exit", () => done());
      proc.kill("SIGTERM");
    });
  };
  await start();
  return {
    url: socket,
    client() {
      const client = new Redis({ path: socket, maxRetriesPerRequest: null });
      client.on("error", () => undefined);
      clients.push(client);
      return client;
    },
    stop,
    start,
    async dispose() {
      for (const client of clients) client.disconnect();
      await stop();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
