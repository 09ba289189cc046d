import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, openPage, screenshot } from "./browser.ts";
import { PAGE_TYPES, resolvePath } from "./pages.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const bodyFontPx = (page: import("playwright-core").Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main p") ?? document.body).fontSize));

describe("elder-friendly mode (适老化)", () => {
  it("enlarges text and targets, and is remembered on the next page", async () => {
    const page = await openPage(browser, "/");
    expect(await bodyFontPx(page)).toBeGreaterThanOrEqual(16);
    const toggle = page.getByRole("button", { name: "长辈模式" });
    await toggle.click();
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    expect(await bodyFontPx(page)).toBeGreaterThanOrEqual(18);
    const lineHeight = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector("main p")!);
      return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
    });
    expect(lineHeight).toBeGreaterThanOrEqual(1.5);
    const nav = await page.locator(".site-nav a").first().boundingBox();
    expect(nav!.height).toBeGreaterThanOrEqual(60);
    await screenshot(page, "home-elder");

    await page.goto(baseUrl() + "/stats/");
    expect(await page.evaluate(() => document.documentElement.classList.contains("elder"))).toBe(true);
    expect(await bodyFontPx(page)).toBeGreaterThanOrEqual(18);
    await page.getByRole("button", { name: "长辈模式" }).click();
    expect(await bodyFontPx(page)).toBeLessThan(18);
    await page.context().close();
  });

  it("lays out every page type at 320 px (a 640 px window at 200 % zoom) without horizontal scrolling, in both modes", async () => {
    const page = await openPage(browser, "/", { viewport: { width: 320, height: 640 } });
    const paths = await Promise.all(PAGE_TYPES.map(async (t) => ({ name: t.name, path: await resolvePath(baseUrl(), t) })));
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const mode of ["normal", "elder"]) {
      if (mode === "elder") await page.getByRole("button", { name: "长辈模式" }).click();
      for (const { name, path } of paths) {
        await page.goto(baseUrl() + path);
        expect(await page.evaluate(() => document.documentElement.classList.contains("elder")), `${name}: ${mode} mode`).toBe(mode === "elder");
        expect(await overflow(), `${name} in ${mode} mode scrolls sideways`).toBeLessThanOrEqual(0);
      }
    }
    await page.context().close();
  });

  it("prerendered pages carry the security headers", async () => {
    const res = await fetch(baseUrl() + "/");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("permissions-policy")).toContain("geolocation=(self)");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });
});
