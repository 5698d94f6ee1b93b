//! Purpose: the adopt preview's HTML page in headless Chromium: no console error, no network, every section with its rows and the comment text, the filter works, people's text cannot inject markup.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { ADOPT_IDS, renderAdoptHtml } from "../../src/adopt/html.js";
import type { AdoptPreview } from "../../src/adopt/preview.js";
import { adoptionOf, totalsOf } from "../../src/lifecycle/adopt.js";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { planSweep } from "../../src/lifecycle/sweep-plan.js";
import { launchChromium } from "../support/browser.js";
import { fleetConfig } from "../support/fixtures.js";
import { ago, BOT, bug, fact, NOW } from "../lifecycle/tracked-items.js";

const SCREENSHOT = process.env.ADOPT_SCREENSHOT ?? join(tmpdir(), `bug-lifecycle-adopt-${process.pid}.png`);
const config = fleetConfig();

function previewOf(items: TrackedItem[]): AdoptPreview {
  const entries = items.map((item) => adoptionOf(item, config, planSweep(item, config, NOW, new Set())));
  return { repo: "acme/app", now: NOW.toISOString(), totals: totalsOf(entries), items: entries, requests: 3 };
}

const numbered = (number: number, item: TrackedItem): TrackedItem => ({ ...item, number, title: `Bug ${number}`, url: `https://github.com/acme/app/issues/${number}` });

describe("adopt preview in headless Chromium", () => {
  let launched: Promise<Browser> | undefined;
  const browser = () => (launched ??= launchChromium().then(({ browser: started }) => started));
  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });

  it("shows the repairs, the first sweep's writes with their comment text and what is left for a person, offline, and filters rows", async () => {
    const preview = previewOf([
      numbered(1, bug(["bug", "#g-mdm"], [], { createdAt: ago(2) })),
      numbered(2, bug(["bug", ":reproduce", "~needs info"], [fact.command(ago(20), "qa-lead", "needs-info"), fact.labeled(ago(20, 1), BOT, "~needs info")], { createdAt: ago(25) })),
      numbered(3, bug(["bug"], [], { createdAt: ago(5) })),
      numbered(4, bug(["bug", ":reproduce"], [], { createdAt: ago(0.1) })),
    ]);
    const page = await (await browser()).newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("**/*", async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(renderAdoptHtml(preview), { waitUntil: "load" });
    expect(await page.locator("h1").textContent()).toBe("Adopting bug-lifecycle: acme/app");
    expect(await page.locator(`#${ADOPT_IDS.repairs} h2`).textContent()).toBe("Repairs (1)");
    expect(await page.locator(`#${ADOPT_IDS.repairs} tbody tr`).textContent()).toContain("assign @mdm-em");
    const reminder = page.locator(`#${ADOPT_IDS.sweep} tbody tr`);
    expect(await reminder.count()).toBe(1);
    expect(await reminder.locator("blockquote").textContent()).toContain("@reporter");
    expect(await reminder.locator("code").textContent()).toBe("needs-info-reminder");
    expect(await page.locator(`#${ADOPT_IDS.attention} tbody tr`).textContent()).toContain("no state label and no group label");
    expect(await page.locator(`#${ADOPT_IDS.items} tbody tr`).count()).toBe(4);

    await page.fill(`#${ADOPT_IDS.filter}`, "orphan");
    expect(await page.locator(`#${ADOPT_IDS.items} tbody tr:visible`).count()).toBe(1);
    await page.fill(`#${ADOPT_IDS.filter}`, "");
    expect(await page.locator(`#${ADOPT_IDS.items} tbody tr:visible`).count()).toBe(4);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 90_000);

  it("escapes people's text: a title cannot inject markup", async () => {
    const preview = previewOf([{ ...numbered(1, bug(["bug"], [])), title: `</script><script>window.pwned = 1</script><img src=x onerror="window.pwned=2">` }]);
    const page = await (await browser()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("**/*", (route) => route.abort());
    await page.setContent(renderAdoptHtml(preview), { waitUntil: "load" });
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator(`#${ADOPT_IDS.attention} td`).nth(1).textContent()).toContain("</script><script>");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
