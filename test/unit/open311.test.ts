import { describe, expect, it } from "vitest";
import { fullName, parseIsoDateTime, parseRequestPost, parseRequestsQuery } from "../../src/lib/open311/params.ts";
import { caseStatusesFor, isoMinute, toOpen311Status } from "../../src/lib/open311/mapping.ts";
import { CASE_STATUSES } from "../../src/lib/cases/states.ts";
import { localToUnix } from "../../src/lib/time.ts";

const at = localToUnix(2015, 3, 2, 9, 15, 42);

describe("parseIsoDateTime", () => {
  it("reads offsets, Z, local (+08:00) times and bare dates", () => {
    expect(parseIsoDateTime("2015-03-02T09:15:42+08:00")).toBe(at);
    expect(parseIsoDateTime("2015-03-02T01:15:42Z")).toBe(at);
    expect(parseIsoDateTime("2015-03-01T20:15:42-05:00")).toBe(at);
    expect(parseIsoDateTime("2015-03-02T09:15:42+0800")).toBe(at);
    expect(parseIsoDateTime("2015-03-02T09:15:42.250+08:00")).toBe(at);
    expect(parseIsoDateTime("2015-03-02T09:15:42")).toBe(at);
    expect(parseIsoDateTime("2015-03-02")).toBe(localToUnix(2015, 3, 2));
  });
  it("refuses what is not a date", () => {
    for (const s of ["", "yesterday", "2015-02-30", "2015-13-01", "2015-03-02T24:00:00", "1425258942", "2015-3-2"]) expect(parseIsoDateTime(s), s).toBeNull();
  });
});

describe("parseRequestsQuery", () => {
  const now = localToUnix(2016, 1, 1);
  it("defaults to the last 90 days and 1,000 records", () => {
    expect(parseRequestsQuery({}, now)).toEqual({ kind: "search", serviceCodes: [], statuses: [], from: now - 90 * 86400, to: now, limit: 1000, offset: 0 });
  });
  it("turns open/closed into our statuses and pages into offsets", () => {
    const f = parseRequestsQuery({ status: "closed", page: "3", page_size: "20", service_code: "a, b,a" }, now);
    expect(f).toMatchObject({ serviceCodes: ["a", "b"], limit: 20, offset: 40 });
    expect(f.kind === "search" && [...f.statuses].sort()).toEqual(["closed", "disposed", "duplicate", "rejected"]);
  });
  it("lets ids override everything", () => {
    expect(parseRequestsQuery({ service_request_id: "QA1,QA2,QA1", status: "nope", start_date: "x" }, now)).toEqual({ kind: "ids", publicIds: ["QA1", "QA2"] });
  });
  it("throws 400 beyond 90 days", () => {
    expect(() => parseRequestsQuery({ start_date: "2015-01-01", end_date: "2015-04-02" }, now)).toThrow(/90/);
    expect(parseRequestsQuery({ start_date: "2015-01-01", end_date: "2015-04-01" }, now)).toMatchObject({ from: localToUnix(2015, 1, 1), to: localToUnix(2015, 4, 1) });
  });
});

describe("status mapping", () => {
  it("splits every status of ours into open or closed", () => {
    expect(CASE_STATUSES.filter((s) => toOpen311Status(s) === "open")).toEqual(["reported", "accepted", "dispatched", "in_progress", "reopened"]);
    expect([...caseStatusesFor("open"), ...caseStatusesFor("closed")].sort()).toEqual([...CASE_STATUSES].sort());
  });
  it("gives times at minute resolution with +08:00", () => {
    expect(isoMinute(at)).toBe("2015-03-02T09:15:00+08:00");
  });
});

describe("parseRequestPost", () => {
  it("maps the standard's fields to a report, e-mail included", () => {
    const p = parseRequestPost({ api_key: "k", service_code: "manhole", lat: "34.7", long: "113.6", description: "井盖塌陷", first_name: "女士", last_name: "王", phone: "13800138000", email: "a@b.cn", "attribute[coordsys]": "gcj02", device_id: "ignored" });
    expect(p.report).toEqual({ category: "manhole", description: "井盖塌陷", lat: 34.7, lng: 113.6, coordsys: "gcj02", contact: { name: "王女士", phone: "13800138000", email: "a@b.cn" } });
  });
  it("passes a name with an e-mail and no phone to the intake", () => {
    const p = parseRequestPost({ service_code: "manhole", address_string: "幸福里小区", first_name: "John", last_name: "Smith", email: "j@s.org" });
    expect(p.report).toEqual({ category: "manhole", description: "", address: "幸福里小区", contact: { name: "John Smith", email: "j@s.org" } });
  });
  it("joins names in Chinese or Western order", () => {
    expect(fullName("小明", "李")).toBe("李小明");
    expect(fullName("Ada", "Lovelace")).toBe("Ada Lovelace");
    expect(fullName("", "王")).toBe("王");
  });
  it("refuses missing codes and locations with 400", () => {
    const forms: Record<string, string>[] = [{ lat: "1", long: "2" }, { service_code: "m" }, { service_code: "m", lat: "1" }, { service_code: "m", lat: "1e3", long: "2" }];
    for (const form of forms) {
      expect(() => parseRequestPost(form), JSON.stringify(form)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
