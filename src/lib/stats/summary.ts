/**
 * The public statistics summary (GET /api/stats/summary and the statistics pages), computed
 * from the rollups and protected where it is finer than street × month:
 * - district and street figures (by month, category, channel) are published as they are;
 * - a community's figures are protected against the other communities of its street
 *   (protectUnits), and its breakdowns by month and by category against its totals;
 * - street × category × month (street and category filters) publishes recorded counts from
 *   a months × categories table protected against the street's published totals, and no
 *   disposed counts; community × category × month is not published at all.
 */
import { type PublishedCount, protectTable, publish } from "../privacy/suppress.ts";
import { getCommunityCounts, getPortalDistrictId, getRawSummary, getStreetMonthCategoryCounts, type KeyedCounts, type RawSummary, type StatsFilter } from "../db/stats.ts";
import { percentileFromHistogram } from "./histogram.ts";
import { openRows, protectRows, protectUnits, type PublishedRow } from "./protect.ts";

/** Chinese names of the channels. */
export const CHANNEL_NAMES: Record<string, string> = { patrol: "网格巡查", hotline: "热线电话", wechat: "微信", web: "网站", open311: "开放接口" };

/** A breakdown row as published. */
export type SummaryRow = { id: string; name: string } & PublishedRow;

/** The published summary. Counts are numbers, "<5" (1–4) or null (withheld to protect another cell). */
export type StatsSummary = {
  filter: StatsFilter;
  recorded: PublishedCount;
  disposed: PublishedCount;
  /** recorded − disposed: cases not (yet) disposed. */
  open: PublishedCount;
  /** disposed ÷ recorded, as a fraction; null when either is withheld. */
  disposalRate: number | null;
  /** Share of disposed cases disposed by their due time. */
  onTimeRate: number | null;
  medianHoursToDispose: number | null;
  p90HoursToDispose: number | null;
  byCategory: SummaryRow[];
  byMonth: SummaryRow[];
  byStreet: SummaryRow[];
  byChannel: SummaryRow[];
  /** Breakdowns not published at this level of detail. */
  withheld: string[];
};

const rowsOf = (list: KeyedCounts[], published: PublishedRow[]): SummaryRow[] => list.map((r, i) => ({ id: r.key, name: r.name, ...published[i]! }));
const shownNumber = (v: PublishedCount): v is number => typeof v === "number";

/** Rounds hours to one decimal. */
function hours(h: number | null): number | null {
  return h === null ? null : Math.round(h * 10) / 10;
}

/**
 * Builds the published summary for a filter. Unknown ids give zero counts (the caller
 * validates them first).
 */
export async function getStatsSummary(db: D1Database, f: StatsFilter): Promise<StatsSummary> {
  const districtId = await getPortalDistrictId(db);
  const raw = await getRawSummary(db, districtId, f);
  const withheld: string[] = [];
  let top: { recorded: PublishedCount; disposed: PublishedCount; open: PublishedCount };
  let topHidden: { recorded?: boolean; disposed?: boolean } = {};
  if (f.community) {
    // The community's own totals, protected within its street.
    const streetOf = raw.byStreet[0]?.key ?? f.street;
    const communities = streetOf ? await getCommunityCounts(db, districtId, { year: f.year, street: streetOf }) : [];
    const units = protectUnits(communities.map((c) => ({ id: c.id, parent: c.streetId, recorded: c.recorded, disposed: c.disposed, patrol: c.patrol, resident: c.resident })));
    const unit = units.get(f.community);
    // A null count is withheld, not zero: no `??` here.
    let recorded: PublishedCount = unit ? unit.recorded : 0;
    let disposed: PublishedCount = unit ? unit.disposed : 0;
    let open: PublishedCount = unit ? unit.open : 0;
    const isHidden = (v: PublishedCount | undefined) => v === null || v === "<5";
    let hidden: { recorded?: boolean; disposed?: boolean } = { recorded: isHidden(unit?.recorded), disposed: isHidden(unit?.disposed) || isHidden(unit?.open) };
    if (f.category) {
      // A cell of the community's breakdown by category: the same protection as that breakdown.
      const whole = await getRawSummary(db, districtId, { ...f, category: undefined });
      const rows = protectRows(whole.byCategory, hidden);
      const i = whole.byCategory.findIndex((r) => r.key === f.category);
      recorded = i >= 0 ? rows[i]!.recorded : 0;
      disposed = i >= 0 ? rows[i]!.disposed : 0;
      open = i >= 0 ? (rows[i]!.open === undefined ? null : rows[i]!.open!) : 0;
      hidden = i >= 0 ? { recorded: isHidden(rows[i]!.recorded), disposed: isHidden(rows[i]!.disposed) || isHidden(rows[i]!.open) } : {};
      withheld.push("byMonth");
    }
    top = { recorded, disposed, open };
    topHidden = hidden;
  } else {
    top = { recorded: raw.totals.recorded, disposed: raw.totals.disposed, open: raw.totals.recorded - raw.totals.disposed };
  }

  const protectedRows = (list: KeyedCounts[]) => rowsOf(list, protectRows(list, topHidden));
  const plain = (list: KeyedCounts[]) => rowsOf(list, openRows(list));
  const fine = !!f.community;
  let byMonth: SummaryRow[];
  if (f.community && f.category) byMonth = [];
  else if (f.community) byMonth = protectedRows(raw.byMonth);
  else if (f.street && f.category) byMonth = await streetCategoryMonths(db, districtId, f, raw);
  else byMonth = plain(raw.byMonth);
  if (f.street && f.category && !f.community) withheld.push("byMonth.disposed");

  const disposedShown = shownNumber(top.disposed) && shownNumber(top.recorded) && !topHidden.disposed;
  // Percentiles of very few disposed cases would describe individual cases.
  const enough = disposedShown && (top.disposed as number) >= 5;
  return {
    filter: f,
    recorded: top.recorded,
    disposed: top.disposed,
    open: top.open,
    disposalRate: disposedShown && (top.recorded as number) > 0 ? (top.disposed as number) / (top.recorded as number) : null,
    onTimeRate: enough && raw.totals.disposed > 0 ? raw.totals.onTime / raw.totals.disposed : null,
    medianHoursToDispose: enough ? hours(percentileFromHistogram(raw.hours, 0.5)) : null,
    p90HoursToDispose: enough ? hours(percentileFromHistogram(raw.hours, 0.9)) : null,
    byCategory: fine ? (f.category ? [{ id: f.category, name: raw.byCategory[0]?.name ?? f.category, ...rowOfTop(top, topHidden) }] : protectedRows(raw.byCategory)) : plain(raw.byCategory),
    byMonth,
    byStreet: fine ? raw.byStreet.map((r) => ({ id: r.key, name: r.name, ...rowOfTop(top, topHidden) })) : plain(raw.byStreet),
    byChannel: fine ? [] : plain(raw.byChannel),
    withheld: fine ? [...withheld, "byChannel"] : withheld,
  };
}

function rowOfTop(top: { recorded: PublishedCount; disposed: PublishedCount }, hidden: { disposed?: boolean }): PublishedRow {
  const ok = !hidden.disposed && shownNumber(top.recorded) && shownNumber(top.disposed);
  return { recorded: top.recorded, disposed: top.disposed, disposalRate: ok && (top.recorded as number) > 0 ? (top.disposed as number) / (top.recorded as number) : null };
}

/**
 * Street × category × month: recorded counts from the street's months × categories table,
 * protected against its published margins (street × month and street × category), so the
 * same cells are withheld whichever category is asked for.
 */
async function streetCategoryMonths(db: D1Database, districtId: string, f: StatsFilter, raw: RawSummary): Promise<SummaryRow[]> {
  const months = raw.byMonth.map((m) => m.key);
  if (months.length === 0) return [];
  const whole = await getStreetMonthCategoryCounts(db, districtId, { year: f.year, street: f.street! });
  const cats = [...new Set(whole.map((r) => r.category))].sort();
  const monthKeys = [...new Set(whole.map((r) => r.month))].sort();
  const at = new Map(whole.map((r) => [`${r.month}|${r.category}`, r.recorded]));
  const cells = monthKeys.map((m) => cats.map((k) => at.get(`${m}|${k}`) ?? 0));
  const p = protectTable(cells, { fixedRowTotals: true, fixedColumnTotals: true, fixedGrandTotal: true });
  const col = cats.indexOf(f.category!);
  return raw.byMonth.map((r) => {
    const row = monthKeys.indexOf(r.key);
    const recorded = row >= 0 && col >= 0 ? publish(r.recorded, p.cells[row]![col]!) : r.recorded;
    return { id: r.key, name: r.key, recorded, disposed: null, disposalRate: null };
  });
}

