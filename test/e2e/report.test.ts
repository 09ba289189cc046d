import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/demo/generate.ts";
import { baseUrl, launch, openPage, screenshot } from "./browser.ts";

let browser: Browser;
let compound = "";
beforeAll(async () => {
  browser = await launch();
  // The small demo district is deterministic: find a compound (小区) that lies in exactly one grid.
  const grids = new Map<string, Set<string>>();
  generate({ size: "small" }, (table, row) => {
    if (table === "grid_places" && row.kind === "compound") grids.set(String(row.name), (grids.get(String(row.name)) ?? new Set()).add(String(row.grid_id)));
  });
  compound = [...grids].find(([, g]) => g.size === 1)![0];
});
afterAll(async () => {
  await browser?.close();
});

describe("report and follow, JavaScript off", () => {
  it("files a report with the plain HTML form and follows it by tracking code", async () => {
    const page = await openPage(browser, "/report/", { javaScriptEnabled: false });
    // The map and location button need JavaScript and stay hidden without it.
    expect(await page.locator("#pick-map").isVisible()).toBe(false);

    // First a mistake: the server answers with the form, the error tied to its field.
    await page.getByLabel("窨井盖破损塌陷").check();
    await page.getByLabel(/具体情况/).fill("井盖");
    await page.getByLabel("详细地址").fill(`${compound}3号楼`);
    await page.getByRole("button", { name: "提交反映" }).click();
    await expect(page.locator(".error-summary").innerText()).resolves.toContain("问题描述至少 5 个字");
    const description = page.getByLabel(/具体情况/);
    expect(await description.getAttribute("aria-invalid")).toBe("true");
    expect(await description.getAttribute("aria-describedby")).toContain("description-error");
    expect(await page.getByLabel("窨井盖破损塌陷").isChecked()).toBe(true); // what was typed is kept
    expect(await page.getByLabel("详细地址").inputValue()).toBe(`${compound}3号楼`);

    await description.fill(`${compound}3号楼北侧的窨井盖塌陷了，行人容易踩空`);
    await page.getByLabel("电话").fill("13800138000");
    await page.getByRole("button", { name: "提交反映" }).click();
    await expect(page.locator("h1").innerText()).resolves.toBe("反映已提交");
    const code = (await page.locator("#tracking-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await screenshot(page, "report-filed-nojs");

    // Reloading the result re-posts the same form: the idempotency key gives the same code.
    await page.reload();
    expect((await page.locator("#tracking-code").innerText()).trim()).toBe(code);

    // Follow it: type the code the way a person might (lower case, spaces).
    await page.getByRole("link", { name: "查看办理进度" }).click();
    await page.getByLabel("查询码").fill(code.toLowerCase().replace(/-/g, " "));
    await page.getByRole("button", { name: "查询" }).click();
    const text = await page.locator("main").innerText();
    expect(text).toContain("当前状态：已上报");
    expect(text).toContain("窨井盖破损塌陷");
    expect(text).toMatch(/第\d+网格/);
    expect(text).toContain("已收到您的反映");
    expect(text).not.toContain("13800138000");
    expect(text).not.toContain("行人容易踩空");
    await screenshot(page, "track-nojs");

    const wrong = await openPage(browser, "/track/?code=ABCD-EFGH-JKMN", { javaScriptEnabled: false });
    await expect(wrong.locator("#code-error").innerText()).resolves.toMatch(/查询码/);
    await wrong.context().close();
    await page.context().close();
  });
});

describe("report with JavaScript on", () => {
  it("picks the place on the map, shows the grid and files the report as JSON", async () => {
    const page = await openPage(browser, "/report/");
    const map = page.locator("#pick-map");
    await map.waitFor({ state: "visible" });
    await page.getByLabel("窨井盖破损塌陷").check();
    await page.getByLabel(/具体情况/).fill("路口的窨井盖松动，车辆经过时响声很大");
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
    await expect.poll(() => page.locator("#place-status").innerText()).toMatch(/已选择位置：.*网格/);
    await page.getByRole("button", { name: "提交反映" }).click();
    await page.locator("#tracking-code").waitFor();
    const code = (await page.locator("#tracking-code").innerText()).trim();
    const res = await page.request.get(`${baseUrl()}/api/reports/${code}`);
    expect(res.status()).toBe(200);
    expect((await res.json()).status).toBe("reported");
    await screenshot(page, "report-filed-js");
    await page.context().close();
  });
});
