import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, openPage, screenshot } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("statistics pages", () => {
  it("show the 2015 figures computed from the data, with charts and a grid map", async () => {
    const page = await openPage(browser, "/stats/2015/", { viewport: { width: 1200, height: 900 } });
    await expect(page.locator("#fig-recorded").innerText()).resolves.toBe("108,372");
    await expect(page.locator("#fig-disposed").innerText()).resolves.toBe("105,803");
    await expect(page.locator("#fig-rate").innerText()).resolves.toBe("97.6%");
    await page.locator(".stats-chart canvas").first().waitFor();
    expect(await page.locator(".stats-chart canvas").count()).toBe(4);
    // The map loads when its section comes near the screen.
    await page.locator("#h-map").scrollIntoViewIfNeeded();
    await page.locator("#grid-map path").first().waitFor();
    expect(await page.locator("#grid-map path").count()).toBeGreaterThan(20);
    await screenshot(page, "stats-2015");
    await page.context().close();
  });

  it("read in full with JavaScript off: every chart's numbers are in a captioned table", async () => {
    const page = await openPage(browser, "/stats/2015/", { javaScriptEnabled: false });
    expect(await page.locator("canvas").count()).toBe(0);
    const tables = page.locator("main table");
    expect(await tables.count()).toBeGreaterThanOrEqual(6);
    for (const t of await tables.all()) {
      expect((await t.locator("caption").innerText()).length).toBeGreaterThan(3);
      expect(await t.locator("thead th[scope=col]").count()).toBeGreaterThan(1);
    }
    const months = page.locator("#t-month tbody tr");
    expect(await months.count()).toBe(12);
    // The months add up to the year.
    const values = await page.locator("#t-month tbody tr td:nth-of-type(1)").allInnerTexts();
    expect(values.reduce((a, v) => a + Number(v.replace(/,/g, "")), 0)).toBe(108372);
    await expect(page.locator("#t-category caption").innerText()).resolves.toContain("类别");
    await page.context().close();
  });

  it("the live page, the grid scorecards and the API agree", async () => {
    const api = (await (await fetch(`${baseUrl()}/api/stats/summary?year=2015`)).json()) as { recorded: number; disposed: number; disposalRate: number };
    expect([api.recorded, api.disposed]).toEqual([108372, 105803]);
    expect(api.disposalRate).toBeCloseTo(0.9763, 4);
    const live = await openPage(browser, "/stats/", { javaScriptEnabled: false });
    expect(await live.locator("h1").innerText()).toMatch(/^\d{4}年 案件统计$/);
    await live.context().close();
    const grids = await openPage(browser, "/stats/2015/grids/", { javaScriptEnabled: false });
    expect(await grids.locator("main table tbody tr").count()).toBeGreaterThan(20);
    expect(await grids.locator("main").innerText()).toContain("巡查发现");
    await grids.context().close();
  });

  it("open data: a page that explains the rules and CSV with a BOM that adds up to the figures", async () => {
    const page = await openPage(browser, "/data/", { javaScriptEnabled: false });
    const text = await page.locator("main").innerText();
    expect(text).toContain("数据字典");
    expect(text).toContain("匿名化规则");
    expect(await page.locator('a[href="/data/2015.csv"]').count()).toBe(1);
    await page.context().close();
    // The bytes start with the UTF-8 BOM (fetch's text() would strip it).
    const bytes = new Uint8Array(await (await fetch(`${baseUrl()}/data/2015.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trimEnd().split("\r\n");
    const header = lines[0]!.slice(1).split(",");
    expect(header).toEqual(["public_id", "recorded_day", "disposed_day", "status", "category_id", "category", "channel", "street_id", "street", "community_id", "community", "grid_id", "summary"]);
    expect(lines.length - 1).toBe(108372);
    const disposed = lines.slice(1).filter((l) => l.split(",")[2] !== "").length;
    expect(disposed).toBe(105803);
    const json = (await (await fetch(`${baseUrl()}/data/2015.json`)).json()) as { fields: string[]; records: unknown[][] };
    expect(json.records).toHaveLength(108372);
    expect(json.fields).toContain("grid_id");
  });
});
