/** Real Chromium (Debian's package) driven by playwright-core, for the browser suite. */
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = "test-output/screenshots";

/** Launches headless Chromium with the flags this network-less machine needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run"],
  });
}

/** The base URL of the server started by the e2e globalSetup. */
export function baseUrl(): string {
  return inject("baseUrl");
}

/** Opens a page in a fresh context (phone-sized by default). */
export async function openPage(browser: Browser, path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", ...options });
  const page = await context.newPage();
  await page.goto(baseUrl() + path);
  return page;
}

/** Saves a full-page screenshot under test-output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
