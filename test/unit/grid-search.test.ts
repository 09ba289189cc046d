import { describe, expect, it } from "vitest";
import { pinyinOf } from "../../scripts/demo/generate.ts";
import { matchQuality, parseSearchQuery, rankSearchRows, type MatchKind, type SearchQuery } from "../../src/lib/db/grids.ts";

const named = (name: string, id = "x") => ({ name, id, ...pinyinOf(name) });
const q = (raw: string) => parseSearchQuery(raw) as SearchQuery;
const matches = (raw: string, name: string) => matchQuality(q(raw), named(name)) !== null;

describe("parseSearchQuery", () => {
  it("tells Chinese, pinyin and grid ids apart and normalises input", () => {
    expect(parseSearchQuery("  福华 ")).toEqual({ kind: "name", text: "福华" });
    expect(parseSearchQuery("FuHua")).toEqual({ kind: "pinyin", text: "fuhua" });
    expect(parseSearchQuery("fu hua")).toEqual({ kind: "pinyin", text: "fuhua" });
    expect(parseSearchQuery("ｆｈｎｊ")).toEqual({ kind: "pinyin", text: "fhnj" }); // full-width input
    expect(parseSearchQuery("4101030801")).toEqual({ kind: "id", text: "4101030801" });
    expect(parseSearchQuery("福华fu")).toEqual({ kind: "name", text: "福华fu" });
  });

  it("returns null for blank input", () => {
    expect(parseSearchQuery("")).toBeNull();
    expect(parseSearchQuery("   ")).toBeNull();
    expect(parseSearchQuery("'")).toBeNull();
  });
});

describe("matching names", () => {
  it("finds 福华南街 by 福华, fuhua and fhnj", () => {
    expect(matches("福华", "福华南街")).toBe(true);
    expect(matches("fuhua", "福华南街")).toBe(true);
    expect(matches("fhnj", "福华南街")).toBe(true);
    expect(matches("福华南街", "福华南街社区")).toBe(true);
  });

  it("matches Chinese anywhere in the name, pinyin only from the start", () => {
    expect(matches("南街", "福华南街社区")).toBe(true);
    expect(matches("nanjie", "福华南街社区")).toBe(false);
    expect(matches("huafu", "福华南街")).toBe(false);
    expect(matches("福南", "福华南街")).toBe(false);
    expect(matches("jianzhong", "福华南街")).toBe(false);
  });

  it("ranks exact before prefix before contained, and full pinyin before initials", () => {
    expect(matchQuality(q("福华街"), named("福华街"))).toBe(0);
    expect(matchQuality(q("福华"), named("福华街"))).toBe(1);
    expect(matchQuality(q("华街"), named("福华街"))).toBe(2);
    expect(matchQuality(q("fuhua"), named("福华街"))).toBe(1);
    expect(matchQuality(q("fhj"), named("福华街"))).toBe(2);
  });

  it("matches grid ids by prefix", () => {
    expect(matchQuality(q("41010308"), named("福华南街社区", "4101030801"))).toBe(1);
    expect(matchQuality(q("4101030801"), named("福华南街社区", "4101030801"))).toBe(0);
    expect(matchQuality(q("4101030802"), named("福华南街社区", "4101030801"))).toBeNull();
  });
});

describe("ranking", () => {
  const row = (kind: MatchKind, matched: string, id: string) => ({ kind, matched, id, ...pinyinOf(matched) });

  it("puts better matches first, communities before grids before roads, one result per grid", () => {
    const rows = [
      row("road", "福华南街", "410103010707"),
      row("grid", "福华南街社区第2网格", "410103080102"),
      row("grid", "福华南街社区第1网格", "410103080101"),
      row("community", "福华南街社区", "4101030801"),
      row("compound", "福华南街小区", "410103080101"),
      row("road", "建设路", "410103080103"),
    ];
    const ranked = rankSearchRows(q("福华南街"), rows, 10);
    expect(ranked.map((r) => r.id)).toEqual(["410103010707", "4101030801", "410103080101", "410103080102"]);
    expect(ranked[0]!.kind).toBe("road"); // the exact name wins
    expect(rankSearchRows(q("福华南街"), rows, 2)).toHaveLength(2);
  });
});
