/** URLs of the static ranking pages: /volunteers/rankings/<period>/<scope>/. */
import type { ScopeKind } from "../db/volunteers.ts";

/** The scope segment: `district`, `street-<id>` or `community-<id>`. */
export function scopeSegment(kind: ScopeKind, id: string): string {
  return kind === "district" ? "district" : `${kind}-${id}`;
}

/** The path of the ranking page of a period and scope. */
export function rankingPath(periodId: string, kind: ScopeKind, id: string): string {
  return `/volunteers/rankings/${periodId}/${scopeSegment(kind, id)}/`;
}
