import { describe, expect, it } from "vitest";
import { ANONYMOUS_VOLUNTEER, displayName, maskName } from "../../src/lib/volunteers/mask.ts";

describe("volunteer name masking", () => {
  it("masks 1-, 2-, 3- and 4-character names", () => {
    expect(maskName("华")).toBe("*");
    expect(maskName("李四")).toBe("李*");
    expect(maskName("张三华")).toBe("张*华");
    expect(maskName("欧阳小华")).toBe("欧**华");
  });

  it("never reveals more than the first and last character, whatever the length", () => {
    for (const name of ["张三华", "欧阳小华", "阿卜杜热合曼", "司马相如"]) {
      const masked = maskName(name);
      const chars = Array.from(name);
      expect(Array.from(masked)).toHaveLength(chars.length);
      expect(masked).not.toContain(chars.slice(1, -1).join(""));
      expect(Array.from(masked).filter((ch) => ch !== "*")).toEqual([chars[0], chars[chars.length - 1]]);
    }
  });

  it("does not split characters outside the BMP and ignores surrounding spaces", () => {
    expect(maskName(" 𠀋华 ")).toBe("𠀋*");
    expect(maskName("王𠀋华")).toBe("王*华");
    expect(maskName("")).toBe("*");
  });

  it("shows volunteers who opted out as 匿名志愿者", () => {
    expect(displayName("张三华", true)).toBe(ANONYMOUS_VOLUNTEER);
    expect(ANONYMOUS_VOLUNTEER).toBe("匿名志愿者");
    expect(displayName("张三华", false)).toBe("张*华");
  });
});
