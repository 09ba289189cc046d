import { describe, expect, it } from "vitest";
import {
  CASE_STATUSES, STAFF_ROLES, isLegalTransition, legalTransitions, nextStatuses, roleMayEscalate, roleMayTransition,
} from "../../src/lib/cases/states.ts";
import { scrubPublicText } from "../../src/lib/privacy/scrub.ts";
import { formToReportInput, parseRateLimit } from "../../src/lib/cases/intake.ts";
import { bearerToken, hashStaffToken, newStaffToken } from "../../src/lib/auth/tokens.ts";

describe("case state machine", () => {
  it("follows the article's path from reported to closed", () => {
    const path = ["reported", "accepted", "dispatched", "in_progress", "disposed", "closed"] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(isLegalTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it("never skips disposal, never leaves a duplicate, never loops to the same status", () => {
    for (const s of CASE_STATUSES) expect(isLegalTransition(s, s)).toBe(false);
    for (const s of ["reported", "accepted", "dispatched"] as const) {
      expect(isLegalTransition(s, "closed")).toBe(false);
      expect(isLegalTransition(s, "disposed")).toBe(false);
    }
    expect(nextStatuses("duplicate")).toEqual([]);
  });

  it("lets every legal edge be taken by some role and admins take them all", () => {
    for (const [from, to] of legalTransitions()) {
      expect(STAFF_ROLES.some((r) => roleMayTransition(r, from, to))).toBe(true);
      expect(roleMayTransition("admin", from, to)).toBe(true);
    }
  });

  it("gives specialists only the department's work and supervisors only reopening and escalation", () => {
    const specialistEdges = legalTransitions().filter(([f, t]) => roleMayTransition("specialist", f, t)).map((e) => e.join("→"));
    expect(specialistEdges.sort()).toEqual(["dispatched→accepted", "dispatched→in_progress", "in_progress→disposed", "reopened→in_progress"]);
    const supervisorEdges = legalTransitions().filter(([f, t]) => roleMayTransition("supervisor", f, t)).map(([, t]) => t);
    expect(new Set(supervisorEdges)).toEqual(new Set(["reopened"]));
    expect(STAFF_ROLES.filter(roleMayEscalate)).toEqual(["supervisor", "admin"]);
  });
});

describe("scrubPublicText", () => {
  const cases: [string, string][] = [
    ["请回电13800138000", "[电话已隐去]"],
    ["手机 138-0013-8000 李", "[电话已隐去]"],
    ["电话+86 139 1234 5678", "[电话已隐去]"],
    ["全角１３８００１３８０００", "[电话已隐去]"],
    ["座机0371-67891234", "[电话已隐去]"],
    ["座机(0371)6789 1234", "[电话已隐去]"],
    ["座机６７８９１２３４", "[电话已隐去]"],
    ["身份证410103199001011234", "[证件号已隐去]"],
    ["身份证 41010319900101123X", "[证件号已隐去]"],
    ["身份证 4101 0319 9001 0112 34", "[证件号已隐去]"],
    ["邮箱 li.ming@example.com 谢谢", "[邮箱已隐去]"],
    ["邮箱 li＠example．com", "[邮箱已隐去]"],
    ["车牌豫A12345", "[车牌已隐去]"],
    ["车牌 豫A·D1234F", "[车牌已隐去]"],
    ["车牌 京 B-88888", "[车牌已隐去]"],
    ["车牌豫Ａ１２３４５", "[车牌已隐去]"],
  ];
  for (const [input, marker] of cases) {
    it(`scrubs ${input}`, () => {
      const out = scrubPublicText(input);
      expect(out).toContain(marker);
      expect(out.replace(/\[[^\]]+\]/g, "")).not.toMatch(/\d{4}|[\uff10-\uff19]{4}|@|＠/);
    });
  }

  it("leaves ordinary text alone: addresses, dates, counts and Chinese punctuation", () => {
    for (const s of ["福华街12号院3号楼，井盖已更换。", "2015年3月2日处置完毕（用时4小时）", "共清运垃圾 15 车"]) expect(scrubPublicText(s)).toBe(s);
  });
});

describe("intake helpers and tokens", () => {
  it("turns form fields into the JSON shape", () => {
    expect(formToReportInput({ category: "manhole", description: "井盖坏了啊", lat: "34.7", lng: "113.6", "contact.phone": "13800138000", address: "" }))
      .toEqual({ category: "manhole", description: "井盖坏了啊", lat: 34.7, lng: 113.6, contact: { name: undefined, phone: "13800138000" } });
    expect(formToReportInput({ lat: "34.7; DROP" }).lat).toBe("34.7; DROP");
  });

  it("parses rate limits and falls back to the default", () => {
    expect(parseRateLimit("100/60")).toEqual({ limit: 100, windowSeconds: 60 });
    expect(parseRateLimit("junk")).toEqual({ limit: 20, windowSeconds: 600 });
    expect(parseRateLimit(undefined)).toEqual({ limit: 20, windowSeconds: 600 });
  });

  it("makes distinct 256-bit tokens and stores only a SHA-256 hex", async () => {
    const a = newStaffToken();
    expect(a).toMatch(/^wgt_[A-Za-z0-9_-]{43}$/);
    expect(newStaffToken()).not.toBe(a);
    expect(await hashStaffToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(bearerToken(`Bearer ${a}`)).toBe(a);
    expect(bearerToken("Basic xyz")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
