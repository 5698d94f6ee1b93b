//! Purpose: the "real run" printed in docs/simulate.md is what `npm run simulate` prints for that scenario today, so the sample cannot go stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulateCli } from "@bug-lifecycle/simulate";

const root = new URL("../../", import.meta.url);
const page = readFileSync(new URL("docs/simulate.md", root), "utf8");
const SCENARIO = "examples/scenarios/community-bug-goes-stale.yml";

describe("docs/simulate.md's real run", () => {
  it(`is what \`npm run simulate -- ${SCENARIO}\` prints`, async () => {
    const intro = `A real run, as printed (\`npm run simulate -- ${SCENARIO}\`):`;
    const block = new RegExp(`${intro.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n\\n\`\`\`\\n([\\s\\S]*?)\`\`\`\\n`).exec(page)?.[1];
    let stdout = "";
    const code = await simulateCli([new URL(SCENARIO, root).pathname], { stdout: (text) => void (stdout += text), stderr: () => undefined });
    expect(code).toBe(0);
    expect(block, "docs/simulate.md: paste the scenario's current output into the real-run block").toBe(stdout);
  });
});
