import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { api } from "./reports-helpers.ts";
import { FORMATS, apiKey, listOf, o311, postRequest, seedCases } from "./open311-helpers.ts";
import { nowSeconds } from "../../src/lib/time.ts";

/** The statistics issue's privacy markers, and the point of the Open311 report below. */
const MARKERS = [
  "MKNAME7Q", "MKDESC7Q", "MKADDR7Q", "TRK7QMARKER", "13987650123", "139-8765-0123", "139 8765 0123", "mk.marker.q7",
  "豫A7Q123", "410103199207071234", "34.7212345", "113.6312345", "34.7054321", "113.6054321", "MKFIRST7Q", "MKLAST7Q",
];
const leaks = (text: string) => MARKERS.filter((m) => text.includes(m) || text.normalize("NFKC").includes(m));

const now = nowSeconds();
let posted: { id: string; trackingCode: string };

beforeAll(async () => {
  await seedFixture();
  // Cases as staff and residents leave them: marker address, point, description, tracking code and an unscrubbed summary.
  await seedCases([1, 2, 3].map((i) => ({
    id: i, publicId: `QPRIV${i}`, category: "manhole", status: ["in_progress", "disposed", "rejected"][i - 1]!, created: now - i * 86400,
    trackingCode: `TRK7QMARKER${i}`, lat: 34.7212345, lng: 113.6312345, address: "标记路MKADDR7Q号",
    description: "居民原话MKDESC7Q：车牌豫A7Q123堵住消防通道，我的电话13987650123，身份证410103199207071234",
    summary: "车辆豫A7Q123占用消防通道，已劝离。联系人 139-8765-0123，139 8765 0123，ｍｋ.marker.q7＠example.org，证件 410103199207071234",
    rejectReason: "请联系 13987650123（mk.marker.q7@example.org）",
  })) as never);
  await env.DB.prepare("INSERT INTO case_contacts (case_id, name, phone, email) VALUES (1, '王MKNAME7Q', '13987650123', 'mk.marker.q7@example.org')").run();

  // A report through Open311 with markers in every private field.
  const { key } = await apiKey();
  const res = await postRequest("json", {
    api_key: key, service_code: "manhole", lat: "34.7054321", long: "113.6054321", address_string: "标记路MKADDR7Q号",
    description: "居民原话MKDESC7Q：车牌豫A7Q123，电话13987650123，身份证410103199207071234，邮箱mk.marker.q7@example.org",
    email: "mk.marker.q7@example.org", first_name: "MKFIRST7Q", last_name: "MKLAST7Q", phone: "13987650123",
  });
  expect(res.status).toBe(200);
  const [body] = await res.json<{ service_request_id: string; tracking_code: string }[]>();
  posted = { id: body!.service_request_id, trackingCode: body!.tracking_code };
});

describe("privacy of the Open311 answers", () => {
  it("the private fields were stored (so their absence below means something)", async () => {
    const row = await env.DB.prepare("SELECT c.description, c.lat, c.address, k.name, k.phone, k.email FROM cases c JOIN case_contacts k ON k.case_id = c.id WHERE c.public_id = ?1")
      .bind(posted.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ lat: 34.7054321, address: "标记路MKADDR7Q号", phone: "13987650123", email: "mk.marker.q7@example.org" });
    expect(String(row!.description)).toContain("MKDESC7Q");
    expect(String(row!.name)).toContain("MKFIRST7Q");
  });

  it("no GET answer, in either format, carries a marker, a tracking code, a point or a contact", async () => {
    const ids = ["QPRIV1", "QPRIV2", "QPRIV3", posted.id];
    const paths: [string, string][] = [
      ["discovery", ""], ["services", ""], ["services/manhole", ""], ["requests", ""], ["requests", `service_request_id=${ids.join(",")}`],
      ["requests", "status=open"], ["requests", "status=closed"], ["requests", "service_code=manhole&page_size=2&page=2"],
      ...ids.flatMap((id) => [[`requests/${id}`, ""], [`tokens/${id}`, ""]] as [string, string][]),
    ];
    let checked = 0;
    for (const format of FORMATS) {
      for (const [path, query] of paths) {
        const res = await o311(path, format, query);
        expect(res.status, path).toBe(200);
        const text = await res.text();
        expect(leaks(text), `${path}.${format}?${query}`).toEqual([]);
        expect(text).not.toContain(posted.trackingCode);
        checked++;
      }
    }
    expect(checked).toBe(2 * paths.length);
  });

  it("records carry the scrubbed summary, the grid's centroid and names", async () => {
    for (const format of FORMATS) {
      const records = await listOf(await o311("requests", format, "service_request_id=QPRIV1,QPRIV3"), format, "service_requests", "request");
      const qpriv1 = records.find((r) => r.service_request_id === "QPRIV1")!;
      expect(qpriv1.description).toBe("车辆[车牌已隐去]占用消防通道，已劝离。联系人 [电话已隐去]，[电话已隐去]，[邮箱已隐去]，证件 [证件号已隐去]");
      expect(Number(qpriv1.lat)).toBe(34.705);
      expect(Number(qpriv1.long)).toBe(113.605);
      expect(qpriv1.address).toBe("福华南街社区 福华南街社区第1网格");
      const qpriv3 = records.find((r) => r.service_request_id === "QPRIV3")!;
      expect(qpriv3.status_notes).toBe("退回（rejected）：请联系 [电话已隐去]（[邮箱已隐去]）");
    }
  });

  it("error answers do not echo private input", async () => {
    for (const format of FORMATS) {
      const res = await postRequest(format, { api_key: "13987650123", service_code: "manhole", description: "MKDESC7Q" });
      expect(res.status).toBe(403);
      expect(leaks(await res.text())).toEqual([]);
      const bad = await api(`/open311/v2/requests.${format}?service_request_id=MKNAME7Q%20x`);
      expect(bad.status).toBe(400);
      expect(leaks(await bad.text())).toEqual([]);
    }
  });
});
