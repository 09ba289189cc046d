import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, newTrackingCode, normaliseTrackingCode, trackingCodeFrom } from "../../src/lib/tracking-code.ts";

describe("tracking codes", () => {
  it("have the form XXXX-XXXX-XXXX over an alphabet without I, L, O, U", () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(CODE_ALPHABET).toHaveLength(32);
    for (const ch of "ILOU") expect(CODE_ALPHABET).not.toContain(ch);
  });

  it("round-trip through what a person types: lower case, spaces, O for 0, L for 1", () => {
    const code = trackingCodeFrom([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(normaliseTrackingCode(code)).toBe(code);
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    expect(normaliseTrackingCode(typed)).toBe(code);
  });

  it("reject a single wrong symbol and a swap of neighbours", () => {
    const code = newTrackingCode().replace(/-/g, "");
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[i]) continue;
        tried++;
        if (normaliseTrackingCode(code.slice(0, i) + ch + code.slice(i + 1)) === null) caught++;
      }
    }
    expect(caught).toBe(tried);
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(normaliseTrackingCode(swapped)).toBeNull();
    }
  });

  it("carry at least 50 bits of randomness", () => {
    expect(11 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    const seen = new Set(Array.from({ length: 2000 }, newTrackingCode));
    expect(seen.size).toBe(2000);
  });

  it("reject garbage", () => {
    for (const s of ["", "ABCD", "ABCD-EFGH-JKMNP", "!!!!-!!!!-!!!!", "1234-5678-90AB-CD"]) expect(normaliseTrackingCode(s)).toBeNull();
  });
});
