//! Purpose: the one place tests find a headless Chromium: Debian's /usr/bin/chromium when present, else the binary inside @sparticuz/chromium (an npm package), never a download.
import { existsSync } from "node:fs";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
/** Flags for the system browser: headless, offline by default, nothing phoning home. */
const SYSTEM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * Flags of @sparticuz/chromium's list that suit AWS Lambda, not a test: one process means closing the last
 * page ends the browser (the next test's `newPage` fails), and the page tests must run with web security on.
 */
const LAMBDA_ONLY = new Set(["--single-process", "--disable-web-security", "--allow-running-insecure-content"]);

export interface ChromiumFound {
  source: "system" | "npm";
  executablePath: string;
  args: string[];
}

export interface FindOptions {
  /** Where the system browser would be (tests of this lookup pass a path that does not exist). */
  system?: string;
  /** `TEST_CHROMIUM=npm` forces the npm package's binary, `system` the system one; unset: system when present. */
  prefer?: string | undefined;
}

/**
 * The system browser when it exists (fast, already unpacked), else @sparticuz/chromium's, which unpacks itself
 * into the temporary directory on first use and runs headless with its own flags. `npm ci` alone is enough.
 */
export async function findChromium(options: FindOptions = {}): Promise<ChromiumFound> {
  const system = options.system ?? SYSTEM_CHROMIUM;
  const prefer = options.prefer ?? process.env.TEST_CHROMIUM;
  if (prefer !== undefined && prefer !== "" && prefer !== "npm" && prefer !== "system") {
    throw new Error(`TEST_CHROMIUM=${JSON.stringify(prefer)}: expected "npm" or "system"`);
  }
  if (prefer === "system" && !existsSync(system)) throw new Error(`TEST_CHROMIUM=system but there is no browser at ${system}`);
  if (prefer !== "npm" && existsSync(system)) return { source: "system", executablePath: system, args: SYSTEM_ARGS };
  const { default: packaged } = await import("@sparticuz/chromium");
  const args = packaged.args.filter((flag) => !LAMBDA_ONLY.has(flag));
  return { source: "npm", executablePath: await packaged.executablePath(), args };
}

/** Launches the browser found above; a test fails (never skips) when there is none. */
export async function launchChromium(options: FindOptions & { timeout?: number } = {}): Promise<{ browser: Browser; found: ChromiumFound }> {
  const found = await findChromium(options);
  const launch: LaunchOptions = { executablePath: found.executablePath, args: found.args, headless: true, timeout: options.timeout ?? 60_000 };
  return { browser: await chromium.launch(launch), found };
}
