/** Following a report by its tracking code: shared by GET /api/reports/<code> and /track/. */
import { ApiError, rateLimited } from "../../../functions/errors.ts";
import { getCaseByTrackingCode, listCaseEvents } from "../db/cases.ts";
import { fixedWindow, hitRateLimit, maxRateCount } from "../db/rate-limits.ts";
import { normaliseTrackingCode } from "../tracking-code.ts";
import { nowSeconds } from "../time.ts";
import { toPublicCase, type PublicCaseDto } from "./dto.ts";

/** Length of a window of the tracking-lookup limit, in seconds. */
export const TRACKING_WINDOW_SECONDS = 15 * 60;
/**
 * Unknown codes a client may try per window. Codes carry 55 random bits and a check
 * character, so a resident mistyping never gets near this; a client walking through codes
 * is stopped here long before it could find anyone's report.
 */
export const TRACKING_MAX_MISSES_PER_CLIENT = 20;

const PREFIX = "tracking-lookup:";

/** Who is asking (the client address Cloudflare reports), and when (tests pin the clock). */
export type LookupOptions = { client: string | null; now?: number };

/**
 * The public view of the case with this tracking code (as typed: spaces, lower case, O for 0
 * are forgiven). Throws ApiError 400 for a malformed code, 404 for an unknown one, and 429
 * once the client has tried too many unknown codes in the current window (then even a
 * right code waits until the window ends).
 */
export async function lookupReport(db: D1Database, typed: string, opts: LookupOptions): Promise<PublicCaseDto> {
  const code = normaliseTrackingCode(typed.slice(0, 40));
  if (!code) throw new ApiError(400, "invalid_tracking_code", "查询码格式不正确，请核对后重新输入（共 12 位，如 ABCD-EFGH-JK12）");
  const now = opts.now ?? nowSeconds();
  const window = fixedWindow(now, TRACKING_WINDOW_SECONDS);
  const bucket = opts.client ? `${PREFIX}ip:${opts.client}` : null;
  const [misses, found] = await Promise.all([
    bucket ? maxRateCount(db, [bucket], window.start) : Promise.resolve(0),
    getCaseByTrackingCode(db, code),
  ]);
  if (misses >= TRACKING_MAX_MISSES_PER_CLIENT) throw rateLimited("查询次数过多", window.retryAfter);
  if (!found) {
    if (bucket) await hitRateLimit(db, [bucket], window.start, PREFIX, now - 86_400);
    throw new ApiError(404, "report_not_found", "没有找到这个查询码对应的反映，请核对后重试");
  }
  return toPublicCase(found, await listCaseEvents(db, found.id));
}
