/** Person and team rankings from period totals: the one place ranks are assigned. */
import { personTotals, teamTotals, type PersonTotal, type ScopeKind, type TeamTotal } from "../db/volunteers.ts";
import type { Period } from "./period.ts";
import { rankByPoints } from "./ranking.ts";

/** One ranked row as published (API and pages): no ids, no personal data. */
export type RankingRow = { rank: number; displayName: string; points: number; community: string };

/** Whether a ranking lists volunteers or teams. */
export type RankingKind = "person" | "team";

/** Ranks volunteer totals (ties share a rank; tied rows in a stable order). */
export function rankPersons(rows: readonly PersonTotal[]): RankingRow[] {
  return rankByPoints(rows.filter((r) => r.points > 0), (a, b) => a.volunteerId - b.volunteerId).map((r) => ({
    rank: r.rank, displayName: r.displayName, points: r.points, community: r.communityName,
  }));
}

/** Ranks team totals (ties share a rank; tied rows in a stable order). */
export function rankTeams(rows: readonly TeamTotal[]): RankingRow[] {
  return rankByPoints(rows.filter((r) => r.points > 0), (a, b) => (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0)).map((r) => ({
    rank: r.rank, displayName: r.displayName, points: r.points, community: r.communityName,
  }));
}

/** Keeps the totals inside a scope (for pages that rank many scopes from one district-wide query). */
export function inScope<T extends { streetId: string; communityId: string }>(rows: readonly T[], kind: ScopeKind, id: string): T[] {
  if (kind === "street") return rows.filter((r) => r.streetId === id);
  if (kind === "community") return rows.filter((r) => r.communityId === id);
  return [...rows];
}

/** A ranking of one kind, period and scope, straight from the ledger (one aggregate query). */
export async function getRanking(db: D1Database, kind: RankingKind, period: Period, scope: { kind: ScopeKind; id: string }): Promise<RankingRow[]> {
  return kind === "person" ? rankPersons(await personTotals(db, period, scope)) : rankTeams(await teamTotals(db, period, scope));
}
