/**
 * Every page type, in both display modes: axe-core finds no violations, a screenshot is
 * saved, and Lighthouse (mobile, in the machine's Chromium) meets the budgets.
 */
import AxeBuilder from "@axe-core/playwright";
import lighthouse from "lighthouse";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, CHROMIUM, openPage, screenshot } from "./browser.ts";
import { PAGE_TYPES, resolvePath } from "./pages.ts";

const BUDGET = { performance: 0.95, accessibility: 1, "best-practices": 0.95, seo: 0.95 } as const;
const DEBUG_PORT = 9335;

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
      "--disable-component-update", "--no-first-run", `--remote-debugging-port=${DEBUG_PORT}`],
  });
});
afterAll(async () => {
  await browser?.close();
});

const scores: Record<string, Record<string, number>> = {};
afterAll(() => {
  // One line per page type: the figures the issue's note quotes.
  for (const [name, s] of Object.entries(scores)) console.log(`lighthouse ${name}: ${Object.entries(s).map(([k, v]) => `${k} ${Math.round(v * 100)}`).join(", ")}`);
});

describe.each(PAGE_TYPES)("page type $name", (type) => {
  it("has no axe violations in normal and elder-friendly mode, with screenshots of both", async () => {
    const path = await resolvePath(baseUrl(), type);
    const page = await openPage(browser, path);
    const normal = await new AxeBuilder({ page }).analyze();
    expect(normal.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await screenshot(page, `${type.name}`);
    await page.getByRole("button", { name: "长辈模式" }).click();
    const elder = await new AxeBuilder({ page }).analyze();
    expect(elder.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await screenshot(page, `${type.name}-elder`);
    await page.context().close();
  });

  it("meets the Lighthouse budgets (mobile)", { timeout: 120_000 }, async () => {
    const path = await resolvePath(baseUrl(), type);
    const result = await lighthouse(baseUrl() + path, {
      port: DEBUG_PORT, output: "json", logLevel: "error", onlyCategories: Object.keys(BUDGET),
    });
    const categories = result!.lhr.categories;
    scores[type.name] = Object.fromEntries(Object.keys(BUDGET).map((k) => [k, categories[k]!.score ?? 0]));
    const failing = Object.entries(BUDGET)
      .filter(([k, min]) => (categories[k]!.score ?? 0) < min)
      .map(([k]) => {
        const audits = categories[k]!.auditRefs
          .map((r) => result!.lhr.audits[r.id]!)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
          .map((a) => a.id);
        return `${k} ${Math.round((categories[k]!.score ?? 0) * 100)} (${audits.join(", ")})`;
      });
    expect(failing).toEqual([]);
  });
});

describe("size budget", () => {
  it("a grid page's HTML and CSS is at most 30 KB compressed", async () => {
    const { gzipSync } = await import("node:zlib");
    const path = await resolvePath(baseUrl(), PAGE_TYPES.find((t) => t.name === "grid")!);
    const html = await (await fetch(baseUrl() + path)).text();
    // CSS is inlined into the page, so the HTML is the HTML + CSS; count any linked stylesheets too.
    const sheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
    const css = await Promise.all(sheets.map(async (href) => (await fetch(new URL(href, baseUrl())).then((r) => r.text()))));
    const bytes = gzipSync(html + css.join("")).length;
    console.log(`grid page ${path}: ${bytes} bytes gzip (HTML + CSS)`);
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
  });
});
