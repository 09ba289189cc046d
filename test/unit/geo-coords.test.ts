import { describe, expect, it } from "vitest";
import { toWgs84, wgs84ToGcj02 } from "../../src/lib/geo/coords.ts";

/** Distance in metres between two nearby points (equirectangular; fine at these scales). */
const metres = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const k = (Math.PI / 180) * 6_371_000;
  return Math.hypot((a.lat - b.lat) * k, (a.lng - b.lng) * k * Math.cos((a.lat * Math.PI) / 180));
};

describe("coordinate conversion", () => {
  // 二七广场, Zhengzhou (WGS-84).
  const erqi = { lat: 34.7536, lng: 113.6602 };

  it("leaves WGS-84 input unchanged", () => {
    expect(toWgs84(erqi, "wgs84")).toEqual(erqi);
  });

  it("GCJ-02 in Zhengzhou is offset by a few hundred metres, and converts back to within a metre", () => {
    const gcj = wgs84ToGcj02(erqi);
    const offset = metres(gcj, erqi);
    expect(offset).toBeGreaterThan(200);
    expect(offset).toBeLessThan(1000);
    // Around Zhengzhou the shift is mostly eastwards.
    expect(gcj.lng - erqi.lng).toBeGreaterThan(Math.abs(gcj.lat - erqi.lat));
    expect(metres(toWgs84(gcj, "gcj02"), erqi)).toBeLessThan(1);
  });

  it("outside China GCJ-02 equals WGS-84", () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(metres(toWgs84(paris, "gcj02"), paris)).toBeLessThan(0.001);
  });
});
