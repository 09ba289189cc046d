/** Helpers of the Open311 integration tests: calls in both formats, XML parsing, api keys. */
import { env } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";
import { api } from "./reports-helpers.ts";
import { sha256Hex } from "../../src/lib/auth/tokens.ts";

/** Both formats of the standard. */
export const FORMATS = ["json", "xml"] as const;
export type Format = (typeof FORMATS)[number];

/** Items that repeat in Open311 XML: parsed as arrays even when there is one. */
const REPEATED = new Set(["service", "request", "error", "attribute", "value", "endpoint", "format"]);
const parser = new XMLParser({ isArray: (name) => REPEATED.has(name), parseTagValue: false, trimValues: false });

/** Parses Open311 XML, checking the UTF-8 declaration the standard asks for. */
export function parseXml(text: string): Record<string, unknown> {
  if (!text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) throw new Error(`no XML declaration: ${text.slice(0, 60)}`);
  const doc = parser.parse(text) as Record<string, unknown>;
  delete doc["?xml"];
  return doc;
}

/** The child element names of a parsed XML element, in order. */
export const names = (el: unknown) => Object.keys(el as object);

/** GET /open311/v2/<path>.<format>[?query]. */
export function o311(path: string, format: Format, query = "", init?: RequestInit) {
  return api(`/open311/v2/${path}.${format}${query ? `?${query}` : ""}`, init);
}

/**
 * The items of a list answer: the JSON array, or the XML root's repeated items (root and
 * item element names are checked). Returns [status, items].
 */
export async function listOf(res: Response, format: Format, root: string, item: string): Promise<Record<string, string | unknown>[]> {
  const text = await res.text();
  if (format === "json") {
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(Array.isArray(body)).toBe(true);
    return body;
  }
  expect(res.headers.get("Content-Type")).toMatch(/^text\/xml/);
  const doc = parseXml(text);
  expect(names(doc)).toEqual([root]);
  const inner = doc[root];
  if (inner === "") return [];
  expect(names(inner)).toEqual([item]);
  return (inner as Record<string, Record<string, unknown>[]>)[item]!;
}

/** The errors of an error answer (either format), after checking their shape. */
export async function errorsOf(res: Response, format: Format): Promise<{ code: string | number; description: string }[]> {
  const errors = (await listOf(res, format, "errors", "error")) as { code: string | number; description: string }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(names(e)).toEqual(["code", "description"]);
    expect(Number(e.code)).toBe(res.status);
    expect(typeof e.description).toBe("string");
  }
  return errors;
}

let keyCounter = 0;
/** Creates an Open311 client directly in D1 and returns its api key and id. */
export async function apiKey(revoked = false): Promise<{ key: string; id: number }> {
  const key = `o311_test_${++keyCounter}_${crypto.randomUUID()}`;
  const row = await env.DB.prepare("INSERT INTO api_clients (name, key_hash, created_at, revoked_at) VALUES (?1, ?2, 0, ?3) RETURNING id")
    .bind(`client ${keyCounter}`, await sha256Hex(key), revoked ? 1 : null)
    .first<{ id: number }>();
  return { key, id: row!.id };
}

/** POST /open311/v2/requests.<format> with form fields. */
export function postRequest(format: Format, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return api(`/open311/v2/requests.${format}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
}

/** A case row written straight into D1 (with its rollup deltas), for the read tests. */
export type SeedCase = {
  id: number;
  publicId: string;
  category: "manhole" | "elderly_service";
  status: string;
  created: number;
  grid?: "west" | "east";
  summary?: string;
  rejectReason?: string;
  duplicateOf?: number;
  departmentId?: string;
  trackingCode?: string;
  description?: string;
  address?: string;
  lat?: number;
  lng?: number;
};

/** Inserts cases as the workflow would leave them (disposed_at for disposed/closed). */
export async function seedCases(cases: SeedCase[]): Promise<void> {
  const { FIXTURE } = await import("./fixtures.ts");
  const { rollupDeltaStatements } = await import("../../src/lib/db/rollups.ts");
  const db = env.DB;
  for (const c of cases) {
    const gridId = c.grid === "east" ? FIXTURE.eastGridId : FIXTURE.westGridId;
    const disposed = c.status === "disposed" || c.status === "closed" ? c.created + 3600 : null;
    const due = c.created + (c.category === "manhole" ? 12 : 72) * 3600;
    const row = { created_at: c.created, street_id: FIXTURE.streetId, community_id: FIXTURE.communityId, category_id: c.category, channel: "web", grid_id: gridId, disposed_at: disposed, due_at: due };
    await db.batch([
      db.prepare(`INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, lat, lng, address, description, public_summary,
                                     status, department_id, duplicate_of, reject_reason, created_at, updated_at, due_at, disposed_at)
                  VALUES (?1, ?2, ?3, 'web', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)`)
        .bind(c.id, c.publicId, c.trackingCode ?? `TRK${c.id}`, c.category, FIXTURE.districtId, FIXTURE.streetId, FIXTURE.communityId, gridId,
          c.lat ?? 34.705, c.lng ?? 113.605, c.address ?? "", c.description ?? "居民原话", c.summary ?? "", c.status, c.departmentId ?? null,
          c.duplicateOf ?? null, c.rejectReason ?? "", c.created, disposed ?? c.created, due, disposed),
      ...rollupDeltaStatements(db, null, row),
    ]);
  }
}
