//! Purpose: `npm run try` as a person runs it: the server against the GitHub double over HTTP, and every command it prints run as printed (a command delivered, a sweep, the report).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, ROOT, waitFor } from "./support/server.js";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

function sh(command: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn("sh", ["-c", command], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("npm run try", () => {
  it("serves the double, starts the server, and the commands it prints work as printed", async () => {
    const [port, githubPort] = [await freePort(), await freePort()];
    // Its own process group, so stopping npm stops the program it runs too.
    const child = spawn("npm", ["run", "--silent", "try", "--", "--port", String(port), "--github-port", String(githubPort)], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise((done) => child.once("exit", done));
    stop = async () => {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGINT");
      await exited;
    };
    await waitFor(() => (output.includes("Ctrl-C stops") ? true : undefined), 60_000, `the steps to be printed:\n${output}`);
    expect(output).toContain(`server      http://127.0.0.1:${port}`);
    const commands = [...output.matchAll(/^ {2}\$ (.+)$/gm)].map((match) => match[1]!);
    expect(commands).toHaveLength(4);
    const [comment, look, sweep, report] = commands as [string, string, string, string];
    const cwd = mkdtempSync(join(tmpdir(), "bug-lifecycle-try-test-"));
    try {
      // 1. QA's command: GitHub (the double) sends the webhook, the server labels, assigns and reacts.
      expect((await sh(comment, cwd)).code).toBe(0);
      const issue = await waitFor(async () => {
        const shown = JSON.parse((await sh(look, cwd)).stdout) as { labels: Array<{ name: string }>; assignees: Array<{ login: string }> };
        return shown.labels.some((label) => label.name === "#g-mdm") && shown.assignees.length ? shown : undefined;
      }, 20_000, "the server to handle /reproduced");
      expect(issue.labels.map((label) => label.name).sort()).toEqual(["#g-mdm", "bug"]);
      expect(issue.assignees.map((person) => person.login)).toEqual(["mdm-em"]);

      // 2. The sweep fires #2's reminder.
      const swept = await sh(sweep, cwd);
      expect(swept.stderr, swept.stdout).toMatch(/^sweep: 1 repositories, 3 open bugs, 0 open PRs: needs-info-reminder 1; /m);
      expect(swept.code).toBe(0);

      // 3. The report, one HTML page.
      const reported = await sh(report, cwd);
      expect(reported.code, reported.stderr).toBe(0);
      expect(existsSync(join(cwd, "bug-report.html"))).toBe(true);
      expect(readFileSync(join(cwd, "bug-report.html"), "utf8")).toContain("<html");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }

    // Ctrl-C (to the terminal's process group: npm and the program) stops the server and the double.
    process.kill(-child.pid!, "SIGINT");
    await exited;
    const closed = async (url: string) => (await fetch(url).then(() => false, () => true)) || undefined;
    await waitFor(() => closed(`http://127.0.0.1:${port}/ping`), 10_000, "the server to stop");
    await waitFor(() => closed(`http://127.0.0.1:${githubPort}/api/v3/repos/acme/app`), 10_000, "the double to stop");
  });
});
