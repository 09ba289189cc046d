/**
 * Facilities around the fixture community for the service-circle tests, at hand-measured
 * offsets along the meridian (0.001° of latitude = 111.195 m = 1.807 walking minutes):
 *
 *   health  F-H1  0.002° N   222.4 m   3.614 min
 *   market  F-M1  0.005° N   556.0 m   9.035 min
 *   health  F-H2  0.007° S   778.4 m  12.648 min
 *   park    F-P1  0.012° N  1334.3 m  21.683 min (beyond the circle)
 *   elderly —     no facility at all
 */
import { env } from "cloudflare:workers";
import { FIXTURE, seedFixture } from "./fixtures.ts";

/** The fixture community's centroid (see fixtures.ts). */
export const ORIGIN = { lat: 34.705, lng: 113.61 } as const;
/** A second community far to the north-east, with nothing near it. */
export const FAR_COMMUNITY_ID = "4101030902";

/** Seeds the fixture district, four facility categories and the facilities above. */
export async function seedServices(): Promise<void> {
  await seedFixture();
  const db = env.DB;
  const f = (id: string, cat: string, name: string, dLat: number, phone: string) =>
    db.prepare(`INSERT INTO facilities (id, category_id, district_id, street_id, community_id, name, level, address, lat, lng, hours, phone)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, '8:00–20:00', ?10)`)
      .bind(id, cat, FIXTURE.districtId, FIXTURE.streetId, FIXTURE.communityId, name, `${name}门前路1号`, Math.round((ORIGIN.lat + dLat) * 1e6) / 1e6, ORIGIN.lng, phone);
  await db.batch([
    db.prepare(`INSERT INTO facility_categories (id, name, weight, sort) VALUES
                ('health', '卫生服务站', 3, 0), ('market', '菜市场与超市', 3, 1), ('park', '公园与运动场', 2, 2), ('elderly', '养老服务', 2, 3)`),
    db.prepare("INSERT INTO communities (id, street_id, name, households, population, lat, lng) VALUES (?1, ?2, '远郊村', 300, 900, 34.75, 113.65)").bind(FAR_COMMUNITY_ID, FIXTURE.streetId),
    f("F-H1", "health", "福华社区卫生服务站", 0.002, "0371-0000-5001"),
    f("F-M1", "market", "福华生鲜超市", 0.005, "0371-0000-5002"),
    f("F-H2", "health", "福华南社区卫生服务中心", -0.007, "0371-0000-5003"),
    f("F-P1", "park", "福华口袋公园", 0.012, ""),
  ]);
}
