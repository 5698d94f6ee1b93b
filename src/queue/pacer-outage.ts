//! Purpose: Probot's clustered pacing keeps a Redis connection of its own (Bottleneck's); while Redis is away its errors join the replica's once-a-minute outage line instead of one line per reconnection attempt.
import type { Probot } from "probot";

/** Bottleneck's `Events` mixin on its `IORedisConnection`. */
interface Emitter {
  on(name: "error", listener: (error: unknown) => void): void;
  removeAllListeners(name: "error"): void;
}

const isEmitter = (value: unknown): value is Emitter =>
  typeof value === "object" && value !== null && typeof (value as Emitter).on === "function" && typeof (value as Emitter).removeAllListeners === "function";

/**
 * With `REDIS_URL` Probot builds that connection at start and logs every error it emits: one multi-line
 * `ECONNREFUSED` block per reconnection attempt (677 in 10 minutes). The connection is reached through the
 * installation factory (`@octokit/auth-app` calls it with the app's Octokit options, the throttle's among
 * them, without a request) and its listener replaced by `outage`. Without clustered pacing: nothing to do.
 */
export async function quietPacerErrors(probot: Probot, outage: (error: unknown) => void): Promise<boolean> {
  let connection: unknown;
  try {
    const app = await probot.auth();
    await app.auth({
      type: "installation",
      installationId: 1,
      factory: (options: { octokitOptions?: { throttle?: { connection?: unknown } } }) => {
        connection = options.octokitOptions?.throttle?.connection;
        return {};
      },
    });
  } catch {
    return false;
  }
  if (!isEmitter(connection)) return false;
  connection.removeAllListeners("error");
  connection.on("error", outage);
  return true;
}
