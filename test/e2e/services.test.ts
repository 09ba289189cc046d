import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, screenshot } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Accessibility violations (WCAG 2.x A/AA) inside the page's main content. */
async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

describe("15-minute service circle pages", () => {
  it("ranks communities with scores and gaps, and leads to a community page with walking times (no JavaScript)", async () => {
    const page = await openPage(browser, "/services/", { javaScriptEnabled: false });
    const rows = page.locator("table.service-ranking tbody tr");
    expect(await rows.count()).toBeGreaterThan(3);
    const first = await rows.first().locator("td").allInnerTexts();
    expect(first[0]).toBe("1");
    expect(Number(first[1])).toBeGreaterThan(0);
    expect(await page.locator("main").innerText()).toContain("评分方法");
    // Scores are listed best first.
    const scores = (await page.locator("table.service-ranking tbody tr td:nth-child(3)").allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const link = rows.first().locator("th a");
    const name = await link.innerText();
    await link.click();
    await page.waitForLoadState();
    expect(await page.locator("h1").innerText()).toContain(name);
    // A facility within 15 minutes, with its walking time.
    const item = page.locator(".service-facility-list li").first();
    await expect(item.locator(".name").innerText()).resolves.toMatch(/\S/);
    expect(await item.locator(".walk").innerText()).toMatch(/^步行(约 \d+ 分钟|不到 1 分钟)$/);
    const minutes = (await page.locator(".service-facility-list .walk").allInnerTexts()).map((t) => Number(t.match(/\d+/)?.[0] ?? 0));
    expect(Math.max(...minutes)).toBeLessThanOrEqual(15);
    expect(await page.locator("table caption").first().innerText()).toBe("各类设施中最近的一处");
    await screenshot(page, "services-community");
    await page.context().close();
  });

  it("draws the map with facilities by category once JavaScript runs; pages pass axe", async () => {
    const page = await openPage(browser, "/services/", { viewport: { width: 1200, height: 900 } });
    // Leaflet loads only when the map comes into view.
    expect(await page.locator(".leaflet-container").count()).toBe(0);
    await page.locator(".service-map").scrollIntoViewIfNeeded();
    await page.locator(".service-map.leaflet-container").waitFor({ timeout: 20_000 });
    const legend = await page.locator(".leaflet-control-layers").innerText();
    expect(legend).toContain("15分钟步行范围");
    expect(legend).toMatch(/卫生服务站（\d+）/);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator("#h-map").scrollIntoViewIfNeeded();
    await screenshot(page, "services-map");
    // The community page passes the same accessibility check (axe needs JavaScript to run).
    await page.locator("table.service-ranking tbody tr th a").first().click();
    await page.waitForLoadState();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("lists facilities by category in the directory", async () => {
    const page = await openPage(browser, "/services/facilities/");
    const first = page.locator("main .cards a").first();
    await first.click();
    await page.waitForLoadState();
    const rows = page.locator("main table tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    const href = await page.locator("main table tbody tr td a[href^='/services/']").first().getAttribute("href");
    await page.goto(new URL(href!, page.url()).href);
    // Leaflet loads only on the page with the map.
    expect(await page.locator("script[src*=\"service-map\"]").count()).toBe(0);
    expect(await page.locator(".leaflet-container").count()).toBe(0);
    await page.context().close();
  });
});
