import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, openPage, screenshot } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = /0371-0000-\d{4}/;

/** The leader's phone as the page's leader box shows it, checked against the team table. */
async function leaderPhone(page: Page): Promise<string> {
  const call = page.locator(".grid-leader a[href^='tel:']");
  expect(await call.isVisible()).toBe(true);
  const phone = (await call.innerText()).match(PHONE)?.[0];
  expect(phone).toBeDefined();
  expect(await call.getAttribute("href")).toBe(`tel:${phone!.replaceAll("-", "")}`);
  // The same number is on the 网格长 row of the teams table.
  const row = page.locator("table.grid-team tbody tr", { hasText: "网格长" }).first();
  expect(await row.locator("a[href^='tel:']").innerText()).toBe(phone);
  return phone!;
}

describe("finding the grid leader", () => {
  it("search 福华南街 as you type, open a grid, see the grid leader's phone; the page reads the same without JavaScript", async () => {
    const page = await openPage(browser, "/grids/");
    await page.getByLabel(/输入街道、社区、网格/).pressSequentially("福华南街", { delay: 30 });
    const hit = page.locator("[data-suggest] a", { hasText: /福华南街社区第\d+网格/ }).first();
    await hit.waitFor({ timeout: 10_000 });
    await screenshot(page, "grids-search");
    await Promise.all([page.waitForURL(/\/grids\/\d{12}\/$/), hit.click()]);
    const url = page.url();
    expect(await page.locator("h1").innerText()).toMatch(/福华南街社区第\d+网格/);
    const phone = await leaderPhone(page);
    await screenshot(page, "grid-page");
    await page.context().close();

    const noJs = await openPage(browser, new URL(url).pathname, { javaScriptEnabled: false });
    expect(await leaderPhone(noJs)).toBe(phone);
    expect(await noJs.locator("main").innerText()).toContain("网格三支队伍");
    await noJs.context().close();
  });

  it("without JavaScript the search form answers from the server", async () => {
    const page = await openPage(browser, "/grids/", { javaScriptEnabled: false });
    expect(await page.locator("[data-locate-wrap]").isVisible()).toBe(false); // needs JavaScript
    await page.getByLabel(/输入街道、社区、网格/).fill("fhnj");
    await Promise.all([page.waitForURL(/\/grids\/search\/\?q=fhnj/), page.getByRole("button", { name: "搜索" }).click()]);
    const hit = page.locator("[data-server-results] a", { hasText: /福华南街社区第\d+网格/ }).first();
    await Promise.all([page.waitForURL(/\/grids\/\d{12}\/$/), hit.click()]);
    await leaderPhone(page);
    await page.context().close();
  });

  it("定位我的网格 finds the grid at the phone's position", async () => {
    // Take a point from a grid page's boundary description, then stand there.
    const page = await openPage(browser, "/grids/", { geolocation: { latitude: 0, longitude: 0 }, permissions: ["geolocation"] });
    const target = await page.locator(".grid-links a").first().getAttribute("href");
    await page.goto(baseUrl() + target!);
    const text = await page.locator("#h-area + p").innerText();
    const [lat1, lat2, lng1, lng2] = [...text.matchAll(/(\d+\.\d+)°/g)].map((m) => Number(m[1]));
    await page.context().setGeolocation({ latitude: (lat1! + lat2!) / 2, longitude: (lng1! + lng2!) / 2 });
    await page.goto(`${baseUrl()}/grids/`);
    await page.getByRole("button", { name: "定位我的网格" }).click();
    const found = page.locator("[data-locate-result] .grid-found");
    await found.waitFor({ timeout: 10_000 });
    expect(await found.locator("a[href^='/grids/']").getAttribute("href")).toBe(target);
    expect(await found.innerText()).toMatch(PHONE);
    await page.context().close();
  });

  it("draws the boundary map with Leaflet after the content, and only on pages with a map", async () => {
    const list = await openPage(browser, "/grids/");
    expect(await list.locator("link[href*='leaflet'], style#leaflet-css").count()).toBe(0);
    const href = await list.locator(".grid-links a").first().getAttribute("href");
    await list.context().close();
    const page = await openPage(browser, href!);
    await page.locator("[data-grid-map].leaflet-container path.leaflet-interactive").first().waitFor({ timeout: 10_000 });
    expect(await page.locator("style#leaflet-css").count()).toBe(1);
    // Leaflet's own CSS is in effect: its panes are positioned absolutely.
    expect(await page.locator(".leaflet-pane").first().evaluate((e) => getComputedStyle(e).position)).toBe("absolute");
    await page.context().close();
  });

  it("prints an A4 poster with the leader's name, phone and a QR code to the grid page", async () => {
    const list = await openPage(browser, "/grids/", { javaScriptEnabled: false });
    const href = await list.locator(".grid-links a").first().getAttribute("href");
    await list.context().close();
    const page = await openPage(browser, `${href}poster/`, { javaScriptEnabled: false });
    expect(await page.locator(".poster-phone").innerText()).toMatch(PHONE);
    expect(await page.locator(".poster-url").innerText()).toMatch(new RegExp(`${href}$`));
    expect(await page.locator(".poster-qr svg path").count()).toBeGreaterThan(0);
    await screenshot(page, "grid-poster");
    await page.context().close();
  });
});
