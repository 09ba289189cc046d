import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "../../src/lib/security-headers.ts";

describe("security headers", () => {
  it("public/_headers carries exactly the Worker's headers for every path", () => {
    const text = readFileSync("public/_headers", "utf8");
    const block = text.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim());
    expect(text).toMatch(/^\/\*$/m);
    expect(block.sort()).toEqual(Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`).sort());
  });

  it("the CSP allows no inline scripts and geolocation only for the site itself", () => {
    const csp = SECURITY_HEADERS["Content-Security-Policy"]!;
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(SECURITY_HEADERS["Permissions-Policy"]).toContain("geolocation=(self)");
    expect(SECURITY_HEADERS["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
  });
});
