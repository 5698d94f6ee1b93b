//! Purpose: app.yml asks for every event the route table handles, and the permissions those handlers' writes need.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROUTES } from "../../src/runtime/routes.js";
import { TIMER_EVENT } from "../../src/handlers/timers.js";

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe("app.yml", () => {
  it("subscribes to every event a handler runs on, and to nothing none does", () => {
    // The bot's own delayed jobs (TIMER_EVENT) come from its work queue, never from GitHub.
    const handled = new Set(ROUTES.flatMap((route) => route.events.filter((event) => event !== TIMER_EVENT).map((event) => event.split(".")[0]!)));
    expect(handled.size).toBeGreaterThanOrEqual(6);
    expect(new Set(manifest.default_events)).toEqual(handled);
  });

  it("asks for organisation projects read/write, which the bugs board (and only it) needs", () => {
    expect(manifest.default_permissions.organization_projects).toBe("write");
    expect(manifest.default_events).toContain("projects_v2_item");
  });
});
