import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, screenshot } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("home page", () => {
  it("shows the 2015 headline figures computed from D1, the demo notice and the four areas", async () => {
    const page = await openPage(browser, "/");
    const text = await page.locator("main").innerText();
    expect(text).toContain("108,372");
    expect(text).toContain("105,803");
    expect(text).toContain("97.6%");
    await expect(page.locator(".demo-notice").innerText()).resolves.toContain("演示数据");
    for (const href of ["/grids/", "/stats/", "/services/", "/volunteers/"]) {
      expect(await page.locator(`main a[href="${href}"]`).count()).toBeGreaterThan(0);
    }
    await screenshot(page, "home");
    await page.context().close();
  });

  it("reads the same with JavaScript off", async () => {
    const page = await openPage(browser, "/", { javaScriptEnabled: false });
    expect(await page.locator("main").innerText()).toContain("108,372");
    await page.context().close();
  });
});
