//! Purpose: the `npm run try` output shown in docs/install.md is what the program prints (nextSteps), so the sample cannot go stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nextSteps, TRY_TOKENS } from "@bug-lifecycle/simulate";

const page = readFileSync(new URL("../../docs/install.md", import.meta.url), "utf8");

describe("docs/install.md, the output of npm run try", () => {
  it("is what `npm run try` prints, with the page's placeholder ports and paths", () => {
    const block = /<!-- BEGIN try output[^>]*-->\n```\n([\s\S]*?)```\n<!-- END try output -->/.exec(page)?.[1];
    const tmp = "/tmp/bug-lifecycle-try-XXXXXX";
    const printed = nextSteps({
      github: "http://127.0.0.1:3100",
      server: "http://127.0.0.1:3000",
      env: { GHE_HOST: "127.0.0.1:3100", GHE_PROTOCOL: "http", APP_ID: "1", PRIVATE_KEY_PATH: `${tmp}/private-key.pem` },
      cli: "/path/to/bug-lifecycle/lib/cli/main.js",
      logFile: `${tmp}/server.log`,
      tokens: TRY_TOKENS,
      repo: "acme/app",
    });
    expect(block, "docs/install.md: update the try output block to what nextSteps prints").toBe(printed);
  });
});
