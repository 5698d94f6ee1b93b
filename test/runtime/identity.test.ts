//! Purpose: the runtime's identity with a token: an installation token (`ghs_`: Actions' GITHUB_TOKEN, an app token) reads nothing; a person's token reads its login.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { isInstallationToken } from "../../src/runtime/identity.js";
import { createRuntime } from "../../src/runtime/runtime.js";

const REPO = "acme/app";

function world() {
  const double = new GitHubDouble({ appSlug: "github-actions" });
  double.addRepo(REPO);
  double.addCollaborator(REPO, "maint", "write");
  const runtime = (token: string) => createRuntime({ env: { GITHUB_TOKEN: token }, fetch: double.fetch, log: pino({ level: "silent" }) });
  return { double, runtime };
}

describe("identity with a token", () => {
  it.each([
    ["ghs_16C7e42F292c6912E7710c838347Ae178B4a", true],
    ["ghp_16C7e42F292c6912E7710c838347Ae178B4a", false],
    ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", false],
    ["gho_16C7e42F292c6912E7710c838347Ae178B4a", false],
    ["0123456789abcdef0123456789abcdef01234567", false],
  ])("%s is an installation token: %s", (token, expected) => {
    expect(isInstallationToken(token)).toBe(expected);
  });

  it("an installation token (the Actions GITHUB_TOKEN): no request; its comments are a Bot's, recognised without a login", async () => {
    const w = world();
    const identity = await w.runtime(w.double.installationToken()).identity();
    expect(identity).toEqual({ login: null, self: undefined });
    expect(w.double.requests).toEqual([]);
  });

  it("a person's token: the viewer's login, whose comments are the bot's own", async () => {
    const w = world();
    w.double.addToken("ghp_maintainerstoken000000000000000000000", "maint");
    const identity = await w.runtime("ghp_maintainerstoken000000000000000000000").identity();
    expect(identity).toEqual({ login: "maint", self: "maint" });
    expect(w.double.requests.map((r) => r.kind)).toEqual(["graphql"]);
  });
});
