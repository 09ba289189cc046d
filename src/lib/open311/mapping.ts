/**
 * Our cases and categories as Open311 GeoReport v2 records. The mapping is the privacy
 * boundary of the Open311 face: a request record is built only from a RequestRow (which has
 * no point, typed address, private description, contact or tracking code), and every text a
 * record carries is scrubbed again on the way out.
 */
import type { RequestRow, ServiceRow } from "../db/open311.ts";
import { scrubPublicText } from "../privacy/scrub.ts";
import { OPEN_STATUSES, STATUS_LABELS, type CaseStatus } from "../cases/states.ts";
import { isoLocal } from "../time.ts";

/** Open311 has two statuses. */
export type Open311Status = "open" | "closed";

/**
 * open: the case still waits for work (reported, accepted, dispatched, in_progress, reopened).
 * closed: disposed, closed, rejected or duplicate (status_notes says which).
 */
export function toOpen311Status(s: CaseStatus): Open311Status {
  return OPEN_STATUSES.includes(s) ? "open" : "closed";
}

/** Our statuses behind an Open311 status (for the `status` filter). */
export function caseStatusesFor(s: Open311Status): CaseStatus[] {
  return (Object.keys(STATUS_LABELS) as CaseStatus[]).filter((c) => toOpen311Status(c) === s);
}

/** The attribute every service offers: the coordinate system of lat/long (phones in China give GCJ-02). */
export const COORDSYS_ATTRIBUTE = {
  variable: true,
  code: "coordsys",
  datatype: "singlevaluelist",
  required: false,
  datatype_description: "坐标系：wgs84（默认，GPS/国际标准）或 gcj02（国内手机地图）",
  order: 1,
  description: "lat/long 所用坐标系",
  values: [
    { key: "wgs84", name: "WGS-84" },
    { key: "gcj02", name: "GCJ-02" },
  ],
} as const;

/** An Open311 service. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
};

const KIND_KEYWORDS: Record<ServiceRow["kind"], string> = { problem: "问题", service: "服务", consultation: "咨询" };

/** A category as an Open311 service (every service has the coordsys attribute, so metadata is true). */
export function toService(s: ServiceRow): Open311Service {
  return {
    service_code: s.id,
    service_name: s.name,
    description: s.description,
    metadata: true,
    type: "realtime",
    keywords: [KIND_KEYWORDS[s.kind], s.grp].filter(Boolean).join(","),
    group: s.grp,
  };
}

/** An Open311 service definition. */
export type Open311ServiceDefinition = { service_code: string; attributes: (typeof COORDSYS_ATTRIBUTE)[] };

/** The definition of a service: its extra fields. */
export function toServiceDefinition(s: ServiceRow): Open311ServiceDefinition {
  return { service_code: s.id, attributes: [COORDSYS_ATTRIBUTE] };
}

/** An Open311 service request record (GET requests). */
export type Open311Request = {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  lat: number;
  long: number;
  media_url: string;
};

/** ISO 8601 with +08:00 at minute resolution: a live API needs times, not the reporter's second. */
export function isoMinute(unix: number): string {
  return isoLocal(unix - (unix % 60));
}

/** Which of our statuses a request is in, in words (Chinese label and code). */
export function statusNotes(r: Pick<RequestRow, "status" | "reject_reason" | "duplicate_of_public_id">): string {
  const base = `${STATUS_LABELS[r.status]}（${r.status}）`;
  if (r.status === "rejected" && r.reject_reason) return `${base}：${scrubPublicText(r.reject_reason)}`;
  if (r.status === "duplicate" && r.duplicate_of_public_id) return `${base}：同 ${r.duplicate_of_public_id}`;
  return base;
}

/** What a client is told about the handling: the time limit while the case is open. */
export function serviceNotice(r: Pick<RequestRow, "status" | "due_hours" | "escalated">): string {
  if (toOpen311Status(r.status) === "closed") return "";
  return `处置时限 ${r.due_hours} 小时${r.escalated === 1 ? "，已督办" : ""}`;
}

/** A case as an Open311 request record: grid centroid and names, scrubbed public summary only. */
export function toRequest(r: RequestRow): Open311Request {
  return {
    service_request_id: r.public_id,
    status: toOpen311Status(r.status),
    status_notes: statusNotes(r),
    service_name: r.category_name,
    service_code: r.category_id,
    description: scrubPublicText(r.public_summary),
    agency_responsible: r.agency_name ?? "",
    service_notice: serviceNotice(r),
    requested_datetime: isoMinute(r.created_at),
    updated_datetime: isoMinute(r.updated_at),
    expected_datetime: isoMinute(r.due_at),
    address: `${r.community_name} ${r.grid_name}`,
    lat: r.centroid_lat,
    long: r.centroid_lng,
    media_url: "",
  };
}

/** The answer to a POST: the id, a token for it, the notice, and (extension) the reporter's tracking code. */
export type Open311Created = {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string;
  tracking_code: string;
};

/** The spec's discovery document. */
export function discovery(baseUrl: string, changeset: string, contact: string, keyService: string) {
  return {
    changeset,
    contact,
    key_service: keyService,
    endpoints: [
      { specification: "http://wiki.open311.org/GeoReport_v2", url: baseUrl, changeset, type: "production", formats: ["text/xml", "application/json"] },
    ],
  };
}
