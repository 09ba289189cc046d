/**
 * The grid directory on top of the shared fixture district: pinyin for the grids, the leader
 * chain (street, community, both level-3 grids), a specialist, roads and compounds, and the
 * community service centre.
 */
import { env } from "cloudflare:workers";
import { FIXTURE, seedFixture } from "./fixtures.ts";

/** The leaders the fixture gives each level, as the API should report them. */
export const LEADERS = {
  street: { name: "王建国", phone: "0371-0000-0001", title: "街道党工委书记（一级网格长）" },
  community: { name: "李秀英", phone: "0371-0000-0002", title: "社区党委书记（二级网格长）" },
  west: { name: "张伟", phone: "0371-0000-0003", title: "网格长" },
  east: { name: "刘洋", phone: "0371-0000-0004", title: "网格长" },
} as const;

/** Seeds the shared fixture, then the people and places of its grids. */
export async function seedGridFixture(): Promise<void> {
  await seedFixture();
  const db = env.DB;
  const f = FIXTURE;
  const person = (id: string, name: string) => db.prepare("INSERT INTO people (id, name) VALUES (?1, ?2)").bind(id, name);
  const position = (personId: string, gridId: string, role: string, title: string, phone: string, sort: number) =>
    db.prepare("INSERT INTO positions (person_id, grid_id, role, title, work_phone, office_hours, sort) VALUES (?1, ?2, ?3, ?4, ?5, '周一至周五 8:30–12:00', ?6)")
      .bind(personId, gridId, role, title, phone, sort);
  await db.batch([
    db.prepare("UPDATE grids SET pinyin = 'fuhuajiejiedao', initials = 'fhjjd' WHERE id = ?1").bind(f.streetId),
    db.prepare("UPDATE grids SET pinyin = 'fuhuananjieshequ', initials = 'fhnjsq' WHERE id = ?1").bind(f.communityId),
    db.prepare("UPDATE grids SET pinyin = 'fuhuananjieshequdi1wangge', initials = 'fhnjsqd1wg' WHERE id = ?1").bind(f.westGridId),
    db.prepare("UPDATE grids SET pinyin = 'fuhuananjieshequdi2wangge', initials = 'fhnjsqd2wg' WHERE id = ?1").bind(f.eastGridId),
    person("P1", LEADERS.street.name), person("P2", LEADERS.community.name), person("P3", LEADERS.west.name), person("P4", LEADERS.east.name),
    person("P5", "赵敏"),
    position("P1", f.streetId, "leader", LEADERS.street.title, LEADERS.street.phone, 0),
    position("P2", f.communityId, "leader", LEADERS.community.title, LEADERS.community.phone, 0),
    position("P3", f.westGridId, "leader", LEADERS.west.title, LEADERS.west.phone, 0),
    position("P4", f.eastGridId, "leader", LEADERS.east.title, LEADERS.east.phone, 0),
    position("P5", f.westGridId, "specialist", "社区民警", "0371-0000-0005", 10),
    db.prepare(`INSERT INTO grid_places (grid_id, kind, name, pinyin, initials) VALUES
                (?1, 'road', '幸福路', 'xingfulu', 'xfl'), (?1, 'compound', '绿城小区', 'lvchengxiaoqu', 'lcxq'),
                (?2, 'road', '航海西路', 'hanghaixilu', 'hhxl'), (?2, 'compound', '百花苑', 'baihuayuan', 'bhy')`).bind(f.westGridId, f.eastGridId),
  ]);
}
