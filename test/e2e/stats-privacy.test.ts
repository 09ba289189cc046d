import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser.ts";
import { PRIVACY_MARKERS, scanForMarkers } from "./stats-privacy-markers.ts";

// `npm test` seeds cases whose reporter contact, description, address, tracking code,
// coordinates and raw summary carry marker strings (stats-privacy-markers.ts) before the build.
describe("privacy: no reporter data anywhere public", () => {
  it("the marker cases are in the data the site was built from", async () => {
    const res = await fetch(`${baseUrl()}/data/2016.csv`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    // Their public ids and scrubbed summaries are published…
    expect(csv).toContain("QPRIV990000001");
    expect(csv).toMatch(/QPRIV990000001,.*\[车牌已隐去\]占用消防通道，已劝离。联系人 \[电话已隐去\]，\[电话已隐去\]，\[邮箱已隐去\]，证件 \[证件号已隐去\]/);
  });

  it("finds none of the markers in the built site or the open-data files", () => {
    expect(existsSync("dist/client/data/2015.csv")).toBe(true);
    expect(scanForMarkers("dist/client")).toEqual([]);
  });

  it("finds none of the markers in the live pages and public API answers", async () => {
    const paths = [
      "/stats/", "/stats/2015/", "/stats/2016/", "/stats/2016/grids/", "/stats/2016/grids.json", "/data/", "/data/2016.json",
      "/api/stats/summary", "/api/stats/summary?year=2015", "/api/stats/summary?year=2016&category=parking",
      "/api/categories", "/api/health",
    ];
    const summary = (await (await fetch(`${baseUrl()}/api/stats/summary?year=2016`)).json()) as { byStreet: { id: string }[] };
    for (const s of summary.byStreet) paths.push(`/api/stats/summary?year=2016&street=${s.id}`);
    // The marker cases' own community and grid.
    const csv = await (await fetch(`${baseUrl()}/data/2016.csv`)).text();
    const row = csv.split("\r\n").find((l) => l.startsWith("QPRIV990000001,"))!.split(",");
    paths.push(`/api/stats/summary?year=2016&community=${row[9]}`, `/api/stats/summary?year=2016&community=${row[9]}&category=parking`);
    for (const path of paths) {
      const res = await fetch(baseUrl() + path);
      expect(res.status, path).toBeLessThan(400);
      const text = await res.text();
      for (const m of PRIVACY_MARKERS) expect(text.includes(m), `${m} in ${path}`).toBe(false);
    }
  });
});
