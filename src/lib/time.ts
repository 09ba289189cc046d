/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const TZ_OFFSET_SECONDS = 8 * 3600;

/** Current time as unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Unix seconds for a local (+08:00) date and time. */
export function localToUnix(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Math.floor(Date.UTC(year, month - 1, day, hour, minute, second) / 1000) - TZ_OFFSET_SECONDS;
}

/** The local (+08:00) day of a unix time, as YYYY-MM-DD. */
export function localDay(unix: number): string {
  return new Date((unix + TZ_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** The local (+08:00) month of a unix time, as YYYY-MM. */
export function localMonth(unix: number): string {
  return localDay(unix).slice(0, 7);
}

/** ISO 8601 with the +08:00 offset, e.g. 2015-03-02T09:15:00+08:00. */
export function isoLocal(unix: number): string {
  return new Date((unix + TZ_OFFSET_SECONDS) * 1000).toISOString().slice(0, 19) + "+08:00";
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
