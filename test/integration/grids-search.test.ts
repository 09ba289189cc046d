import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE } from "./fixtures.ts";
import { seedGridFixture } from "./grids-fixtures.ts";

const api = (path: string) => exports.default.fetch(new Request(`http://portal.test${path}`));
type Result = { id: string; name: string; community: string | null; street: string; url: string; match: { kind: string; name: string } };
const search = async (q: string) => {
  const res = await api(`/api/grids/search?q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (await res.json<{ results: Result[] }>()).results;
};

beforeAll(seedGridFixture);

describe("GET /api/grids/search", () => {
  it("finds the community and its grids by partial Chinese, pinyin and initials", async () => {
    for (const q of ["福华南街", "福华", "南街", "fuhua", "fhnj", "FuHua", "fu hua"]) {
      const ids = (await search(q)).map((r) => r.id);
      expect(ids, q).toContain(FIXTURE.communityId);
      expect(ids, q).toContain(FIXTURE.westGridId);
      expect(ids, q).toContain(FIXTURE.eastGridId);
    }
  });

  it("answers each result with its community, street and page, the best match first", async () => {
    const results = await search("福华南街社区");
    expect(results[0]).toEqual({
      id: FIXTURE.communityId, name: "福华南街社区二级网格", level: 2, community: "福华南街社区", street: "福华街街道",
      url: `/grids/${FIXTURE.communityId}/`, match: { kind: "community", name: "福华南街社区二级网格" },
    });
    const street = await search("福华街街道");
    expect(street[0]).toMatchObject({ id: FIXTURE.streetId, community: null, match: { kind: "street" } });
  });

  it("finds the grid covering a road or a compound, by name and by pinyin", async () => {
    expect((await search("幸福路"))[0]).toMatchObject({ id: FIXTURE.westGridId, match: { kind: "road", name: "幸福路" } });
    expect((await search("百花"))[0]).toMatchObject({ id: FIXTURE.eastGridId, match: { kind: "compound", name: "百花苑" } });
    expect((await search("hhxl"))[0]).toMatchObject({ id: FIXTURE.eastGridId, match: { kind: "road" } });
    expect((await search("lvcheng"))[0]).toMatchObject({ id: FIXTURE.westGridId, match: { kind: "compound" } });
  });

  it("finds a name that starts with the query even when hundreds of names only contain it", async () => {
    // 300 roads that contain 花园 come first in the table; the one that starts with it comes last.
    const names = Array.from({ length: 300 }, (_, i) => `第${i}花园路`);
    await env.DB.batch([
      ...names.map((n) => env.DB.prepare("INSERT INTO grid_places (grid_id, kind, name, pinyin, initials) VALUES (?1, 'road', ?2, 'x', 'x')").bind(FIXTURE.westGridId, n)),
      env.DB.prepare("INSERT INTO grid_places (grid_id, kind, name, pinyin, initials) VALUES (?1, 'compound', '花园里小区', 'huayuanlixiaoqu', 'hylxq')").bind(FIXTURE.eastGridId),
    ]);
    expect((await search("花园"))[0]).toMatchObject({ id: FIXTURE.eastGridId, match: { kind: "compound", name: "花园里小区" } });
  });

  it("finds a grid by its id", async () => {
    expect((await search(FIXTURE.eastGridId)).map((r) => r.id)).toEqual([FIXTURE.eastGridId]);
  });

  it("answers an empty list when nothing matches, and treats LIKE wildcards literally", async () => {
    expect(await search("不存在的地方")).toEqual([]);
    expect(await search("zzzz")).toEqual([]);
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
  });

  it("answers 400 in the error shape for a missing, empty or over-long query", async () => {
    for (const q of ["", "?q=", "?q=%20%20", `?q=${"福".repeat(33)}`, `?q=${"a".repeat(40)}`]) {
      const res = await api(`/api/grids/search${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe("invalid_query");
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
