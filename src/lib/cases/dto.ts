/**
 * What the API and pages show of a case. Public DTOs never carry the reporter's contact, the
 * private description, the point or any staff member's identity; timeline actors are roles.
 */
import { isoLocal } from "../time.ts";
import type { CaseEventRow, CaseWithNames } from "../db/cases.ts";
import { OPEN_STATUSES, ROLE_LABELS, STATUS_LABELS, type ActorRole, type CaseStatus } from "./states.ts";

/** The answer to a filed report (201). */
export type ReportCreatedDto = {
  /** The reporter's key to follow the case, XXXX-XXXX-XXXX. */
  trackingCode: string;
  status: CaseStatus;
  /** Category id. */
  category: string;
  grid: { id: string; name: string };
  /** ISO 8601 with +08:00. */
  createdAt: string;
};

/** One public timeline entry. */
export type TimelineEntryDto = {
  kind: CaseEventRow["kind"];
  /** The status after this event (transitions only). */
  status: CaseStatus | null;
  statusLabel: string | null;
  at: string;
  /** The acting role's Chinese name (e.g. 网格员), never a person. */
  actor: string;
  note: string;
};

/** A case as its reporter follows it by tracking code. */
export type PublicCaseDto = {
  trackingCode: string;
  status: CaseStatus;
  statusLabel: string;
  category: string;
  categoryName: string;
  grid: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** Staff-written, scrubbed summary ('' until written). */
  publicSummary: string;
  /** Why the case was returned (scrubbed), for rejected cases. */
  rejectReason: string | null;
  /** The case this one duplicates: its public id and where it stands. */
  duplicateOf: { publicId: string; status: CaseStatus; statusLabel: string } | null;
  escalated: boolean;
  timeline: TimelineEntryDto[];
};

/** A case as staff see it in their lists. */
export type StaffCaseDto = {
  publicId: string;
  status: CaseStatus;
  statusLabel: string;
  channel: string;
  category: { id: string; name: string };
  grid: { id: string; name: string };
  department: { id: string; name: string } | null;
  address: string;
  lat: number | null;
  lng: number | null;
  /** The resident's own words: staff only. */
  description: string;
  publicSummary: string;
  rejectReason: string;
  duplicateOf: string | null;
  createdAt: string;
  updatedAt: string;
  dueAt: string;
  overdue: boolean;
  escalated: boolean;
  escalationDueAt: string | null;
};

/** Maps an event row to its public form. */
export function toTimelineEntry(e: CaseEventRow): TimelineEntryDto {
  return {
    kind: e.kind,
    status: e.kind === "transition" ? e.to_status : null,
    statusLabel: e.kind === "transition" && e.to_status ? STATUS_LABELS[e.to_status] : null,
    at: isoLocal(e.created_at),
    actor: ROLE_LABELS[e.actor_role as ActorRole] ?? "工作人员",
    note: e.public_note,
  };
}

/** Maps a case and its events to what the reporter sees. */
export function toPublicCase(c: CaseWithNames, events: CaseEventRow[]): PublicCaseDto {
  return {
    trackingCode: c.tracking_code,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    category: c.category_id,
    categoryName: c.category_name,
    grid: { id: c.grid_id, name: c.grid_name },
    createdAt: isoLocal(c.created_at),
    updatedAt: isoLocal(c.updated_at),
    publicSummary: c.public_summary,
    rejectReason: c.status === "rejected" ? c.reject_reason : null,
    duplicateOf:
      c.duplicate_of_public_id && c.duplicate_of_status
        ? { publicId: c.duplicate_of_public_id, status: c.duplicate_of_status, statusLabel: STATUS_LABELS[c.duplicate_of_status] }
        : null,
    escalated: c.escalated === 1,
    timeline: events.map(toTimelineEntry),
  };
}

/** Maps a case to the staff list form. */
export function toStaffCase(c: CaseWithNames, now: number): StaffCaseDto {
  return {
    publicId: c.public_id,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    channel: c.channel,
    category: { id: c.category_id, name: c.category_name },
    grid: { id: c.grid_id, name: c.grid_name },
    department: c.department_id ? { id: c.department_id, name: c.department_name ?? "" } : null,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    description: c.description,
    publicSummary: c.public_summary,
    rejectReason: c.reject_reason,
    duplicateOf: c.duplicate_of_public_id,
    createdAt: isoLocal(c.created_at),
    updatedAt: isoLocal(c.updated_at),
    dueAt: isoLocal(c.due_at),
    overdue: OPEN_STATUSES.includes(c.status) && c.due_at < now,
    escalated: c.escalated === 1,
    escalationDueAt: c.escalation_due_at === null ? null : isoLocal(c.escalation_due_at),
  };
}
