/**
 * Everything the statistics page of a year shows, protected: the summary (district level),
 * communities (protected within their street), grids (protected within their community),
 * campaigns and work activities.
 */
import { type PublishedCount } from "../privacy/suppress.ts";
import {
  getActivityCounts, getCampaignCounts, getCommunityCounts, getGridCounts, getGridHourHistograms, getPortalDistrictId, getStatsYears,
  type CampaignCounts,
} from "../db/stats.ts";
import { percentileFromHistogram } from "./histogram.ts";
import { protectUnits, type PublishedUnit } from "./protect.ts";
import { getStatsSummary, type StatsSummary } from "./summary.ts";

/** A community or grid as published, with names and derived rates. */
export type PublishedArea = PublishedUnit & {
  name: string;
  streetName: string;
  communityName?: string;
  communityId?: string;
  households: number;
  /** disposed ÷ recorded when both are published. */
  disposalRate: number | null;
  /** Cases per 1,000 households when recorded is published. */
  per1000: number | null;
  /** Median hours to dispose (grids), when at least 5 disposed cases are published. */
  medianHours?: number | null;
};

/** The statistics of one year. */
export type YearReport = {
  year: string;
  years: string[];
  summary: StatsSummary;
  communities: PublishedArea[];
  campaigns: CampaignCounts[];
  activities: { joint_meeting: number; joint_enforcement: number; inspection: number };
};

const rate = (d: PublishedCount, r: PublishedCount) => (typeof d === "number" && typeof r === "number" && r > 0 ? d / r : null);
const per1000 = (r: PublishedCount, hh: number) => (typeof r === "number" && hh > 0 ? (r * 1000) / hh : null);

/** Loads and protects the statistics of a year (district level and communities). */
export async function getYearReport(db: D1Database, year: string): Promise<YearReport> {
  const districtId = await getPortalDistrictId(db);
  const [years, summary, communityRows, campaigns, activities] = await Promise.all([
    getStatsYears(db), getStatsSummary(db, { year }), getCommunityCounts(db, districtId, { year }),
    getCampaignCounts(db, districtId, year), getActivityCounts(db, districtId, year),
  ]);
  const units = protectUnits(communityRows.map((c) => ({ id: c.id, parent: c.streetId, recorded: c.recorded, disposed: c.disposed, patrol: c.patrol, resident: c.resident })));
  const communities = communityRows.map((c) => {
    const u = units.get(c.id)!;
    return { ...u, name: c.name, streetName: c.streetName, households: c.households, disposalRate: u.complete ? rate(u.disposed, u.recorded) : null, per1000: per1000(u.recorded, c.households) };
  });
  return { year, years, summary, communities, campaigns, activities };
}

/**
 * Grid scorecards of a year: every level-3 grid, protected within its community. A community
 * whose own figures are withheld withholds all of its grids' figures (they would add up to it).
 */
export async function getGridScorecards(db: D1Database, year: string): Promise<PublishedArea[]> {
  const districtId = await getPortalDistrictId(db);
  const [grids, communityRows, histograms] = await Promise.all([
    getGridCounts(db, districtId, year), getCommunityCounts(db, districtId, { year }), getGridHourHistograms(db, districtId, year),
  ]);
  const communities = protectUnits(communityRows.map((c) => ({ id: c.id, parent: c.streetId, recorded: c.recorded, disposed: c.disposed, patrol: c.patrol, resident: c.resident })));
  const hiddenCommunities = new Set([...communities.values()].filter((c) => !c.complete).map((c) => c.id));
  const units = protectUnits(grids.map((g) => ({ id: g.id, parent: g.communityId, recorded: g.recorded, disposed: g.disposed, patrol: g.patrol, resident: g.resident })), hiddenCommunities);
  return grids.map((g) => {
    const u = units.get(g.id)!;
    const enough = u.complete && typeof u.disposed === "number" && u.disposed >= 5;
    const median = enough ? percentileFromHistogram(histograms.get(g.id) ?? new Map(), 0.5) : null;
    return {
      ...u, name: g.name, streetName: g.streetName, communityName: g.communityName, communityId: g.communityId, households: g.households,
      disposalRate: u.complete ? rate(u.disposed, u.recorded) : null, per1000: per1000(u.recorded, g.households),
      medianHours: median === null ? null : Math.round(median * 10) / 10,
    };
  });
}
