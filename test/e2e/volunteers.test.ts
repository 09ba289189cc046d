import { readdirSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_VOLUNTEER } from "../../scripts/demo/generate.ts";
import { baseUrl, launch, openPage, screenshot } from "./browser.ts";
import { E2E_STATE } from "./server.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The private names and phones of the demo volunteers, read straight from the test database. */
function privateVolunteerData(): { name: string; phone: string }[] {
  const dir = `${E2E_STATE}/v3/d1/miniflare-D1DatabaseObject`;
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  const db = new DatabaseSync(`${dir}/${file}`, { readOnly: true });
  try {
    return db.prepare("SELECT name, phone FROM volunteers").all() as { name: string; phone: string }[];
  } finally {
    db.close();
  }
}

/** axe-core violations on the page, as readable lines (empty when the page passes). */
async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const parseInt10 = (s: string) => Number(s.replace(/[,+\s]/g, ""));

describe("volunteer points", () => {
  it("a volunteer looks up their own balance and history with JavaScript off", async () => {
    const page = await openPage(browser, "/volunteers/", { javaScriptEnabled: false });
    await page.getByLabel("志愿者编号").fill(DEMO_VOLUNTEER.volunteerNo);
    await page.getByLabel("个人查询码").fill(DEMO_VOLUNTEER.code);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/volunteers/me/")), page.getByRole("button", { name: "查询积分" }).click()]);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    await page.waitForLoadState();
    const main = page.locator("main");
    expect(await main.innerText()).toContain(DEMO_VOLUNTEER.volunteerNo);
    // The balance is the sum of the history the volunteer sees.
    const balance = parseInt10(await page.getByTestId("balance").innerText());
    const points = await page.locator("table tbody tr td:last-child").allInnerTexts();
    expect(points.length).toBeGreaterThan(0);
    expect(points.map(parseInt10).reduce((a, b) => a + b, 0)).toBe(balance);
    expect(await main.innerText()).not.toMatch(/(^|\s)-0(\s|$)/);
    await screenshot(page, "volunteers-me");
    await page.context().close();
  });

  it("a wrong code shows an error and nothing about the volunteer", async () => {
    const page = await openPage(browser, "/volunteers/me/", { javaScriptEnabled: false });
    // A number no card carries: the answer is the same as for a wrong code, and repeated runs
    // do not use up the demo volunteer's allowance of wrong codes in the persistent test database.
    await page.getByLabel("志愿者编号").fill(`V9${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`);
    await page.getByLabel("个人查询码").fill("000000");
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/volunteers/me/")), page.getByRole("button", { name: "查询积分" }).click()]);
    expect(response.status()).toBe(403);
    await page.waitForLoadState();
    expect(await page.getByRole("alert").innerText()).toContain("不正确");
    expect(await page.getByTestId("balance").count()).toBe(0);
    await page.context().close();
  });

  it("the lookup form, its error and the statement have no axe violations", async () => {
    // axe runs in the page, so this test keeps JavaScript on; the pages themselves use none.
    const page = await openPage(browser, "/volunteers/me/");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("志愿者编号").fill(`V9${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`);
    await page.getByLabel("个人查询码").fill("000000");
    await Promise.all([page.waitForURL("**/volunteers/me/"), page.getByRole("button", { name: "查询积分" }).click()]);
    await page.getByRole("alert").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("志愿者编号").fill(DEMO_VOLUNTEER.volunteerNo);
    await page.getByLabel("个人查询码").fill(DEMO_VOLUNTEER.code);
    await page.getByRole("button", { name: "查询积分" }).click();
    await page.getByTestId("balance").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("shows rankings, rules and top teams, and no ranking page or answer carries a real name or phone", async () => {
    const page = await openPage(browser, "/volunteers/");
    const captions = await page.locator("table caption").allInnerTexts();
    expect(captions.some((c) => c.includes("个人积分前 10 名"))).toBe(true);
    expect(captions.some((c) => c.includes("志愿服务队"))).toBe(true);
    expect(captions).toContain("志愿服务积分标准");
    expect(await page.locator("main").innerText()).toContain("网格巡查值守");
    await screenshot(page, "volunteers");

    // Every ranking page linked from the index and from the district and street pages.
    const seen = new Set<string>();
    const queue = await page.locator('main a[href^="/volunteers/rankings/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    await page.context().close();
    const pages: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(baseUrl() + path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      pages.push(html);
      for (const m of html.matchAll(/href="(\/volunteers\/rankings\/[^"]+)"/g)) queue.push(m[1]!);
    }
    expect(seen.size).toBeGreaterThan(20);
    // The ranking pages (district, street, community) are accessible too.
    for (const path of [...seen].filter((p) => /\/(district|street-\d+|community-\d+)\/$/.test(p)).filter((p, i, a) => a.findIndex((q) => q.split("/")[4]!.split("-")[0] === p.split("/")[4]!.split("-")[0]) === i)) {
      const rankingPage = await openPage(browser, path);
      expect(await axeViolations(rankingPage), path).toEqual([]);
      await rankingPage.context().close();
    }
    const api = await Promise.all(
      ["all", "2015"].flatMap((p) => ["person", "team"].map((k) => fetch(`${baseUrl()}/api/volunteers/rankings?period=${p}&kind=${k}&limit=1000`).then((r) => r.text()))),
    );
    const everything = [...pages, ...api].join("\n");
    expect(everything).toContain("*");
    const people = privateVolunteerData();
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      // Names of three or more characters cannot occur by accident; phones never.
      if (Array.from(p.name).length >= 3) expect(everything).not.toContain(p.name);
      expect(everything).not.toContain(p.phone);
    }
    // Two-character names: never as a display name in any API answer.
    const shown = new Set(api.flatMap((t) => (JSON.parse(t) as { results: { displayName: string }[] }).results.map((r) => r.displayName)));
    for (const p of people) expect(shown.has(p.name)).toBe(false);
  });
});
