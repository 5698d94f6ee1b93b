//! Purpose: the browser lookup: the npm package's Chromium runs headless even where the system has none (a machine with only Node and npm).
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "./browser.js";

describe("finding Chromium for the browser tests", () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it("without a system browser, launches @sparticuz/chromium's binary headless and renders a page", async () => {
    const { browser: started, found } = await launchChromium({ system: "/nonexistent/chromium", prefer: "" });
    browser = started;
    expect(found.source).toBe("npm");
    // Closing the last page must not end the browser (the Lambda flag --single-process would).
    await (await browser.newPage()).close();
    const page = await browser.newPage();
    await page.setContent("<p id=x></p><script>document.getElementById('x').textContent = String(6 * 7)</script>");
    expect(await page.textContent("#x")).toBe("42");
  }, 120_000);

  it("prefers the system browser when it exists, and TEST_CHROMIUM=npm overrides it", async () => {
    // Any existing executable stands in for /usr/bin/chromium: only the choice is checked here.
    expect(await findChromium({ system: process.execPath, prefer: "" })).toMatchObject({ source: "system", executablePath: process.execPath });
    expect(await findChromium({ system: process.execPath, prefer: "npm" })).toMatchObject({ source: "npm" });
  });

  it("a mistyped TEST_CHROMIUM or a missing forced system browser is an error, not a silent fallback", async () => {
    await expect(findChromium({ prefer: "chrome" })).rejects.toThrow('TEST_CHROMIUM="chrome": expected "npm" or "system"');
    await expect(findChromium({ system: "/nonexistent/chromium", prefer: "system" })).rejects.toThrow("TEST_CHROMIUM=system but there is no browser at /nonexistent/chromium");
  });
});
