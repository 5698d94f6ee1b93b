import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { directory } from "../../src/github/directory.js";
import { isMaintainer } from "../../src/github/permissions.js";
import { SingleFlight } from "../../src/github/single-flight.js";
import { configSchema } from "../../src/lifecycle/config.js";
import { createCaches } from "../../src/runtime/caches.js";

/** A request that answers when the test says so, so callers really overlap. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    open,
    request: async () => {
      calls += 1;
      await opened;
      return value;
    },
  };
}

describe("single-flight", () => {
  it("shares one in-flight request per key, and starts a new one after it settles or fails", async () => {
    const flight = new SingleFlight<string, number>();
    const g = gate(7);
    const both = Promise.all([flight.run("k", g.request), flight.run("k", g.request)]);
    const other = gate(8);
    const third = flight.run("other", other.request);
    g.open();
    other.open();
    expect(await both).toEqual([7, 7]);
    expect(await third).toBe(8);
    expect(g.calls).toBe(1);
    await expect(flight.run("k", () => Promise.reject(new Error("502")))).rejects.toThrow("502");
    expect(await flight.run("k", async () => 9)).toBe(9);
  });

  it("40 concurrent cold config loads of one repository read the file once", async () => {
    const g = gate<unknown>({ groups: {} });
    const caches = createCaches();
    const loads = Array.from({ length: 40 }, () => loadConfig("o/r", g.request, caches.config));
    g.open();
    const results = await Promise.all(loads);
    expect(g.calls).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("concurrent permission checks of one login ask GitHub once; another login asks again", async () => {
    const g = gate({ data: { role_name: "write", permission: "write" } });
    const asked: string[] = [];
    const octokit = {
      rest: { repos: { getCollaboratorPermissionLevel: (p: { username: string }) => (asked.push(p.username), g.request()) } },
    } as never;
    const cache = createCaches().permissions;
    const ask = (login: string) => isMaintainer(octokit, "o", "r", login, cache);
    const checks = [...Array.from({ length: 15 }, () => ask("qa-lead")), ask("QA-LEAD"), ask("mdm-em")];
    g.open();
    expect(await Promise.all(checks)).toEqual(Array(17).fill(true));
    expect(asked).toEqual(["qa-lead", "mdm-em"]);
  });

  it("concurrent cold directory reads of one repository make one GraphQL request", async () => {
    const g = gate({
      repository: { id: "R1", labels: { nodes: [{ id: "L1", name: "#g-mdm" }], pageInfo: { hasNextPage: false, endCursor: null } }, milestones: { nodes: [] } },
      u0: { id: "U1", login: "mdm-em" },
    });
    const octokit = { graphql: () => g.request() } as never;
    const config = configSchema.parse({ groups: { "#g-mdm": { em: "mdm-em" } } });
    const cache = createCaches().directory;
    const reads = Array.from({ length: 33 }, () => directory(octokit, { owner: "o", name: "r" }, config, cache));
    g.open();
    const books = await Promise.all(reads);
    expect(g.calls).toBe(1);
    expect(books.every((book) => book.repositoryId === "R1")).toBe(true);
  });
});
