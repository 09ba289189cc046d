/**
 * The self lookup: a volunteer enters their card number and personal code and sees their own
 * balance and history. Wrong codes are rate-limited per card number and per client.
 */
import { getVolunteerCodeHash, getVolunteerStatement, type VolunteerStatement } from "../db/volunteers.ts";
import { fixedWindow, hitRateLimit, maxRateCount } from "../db/rate-limits.ts";

/** Length of a rate-limit window, in seconds. */
export const LOOKUP_WINDOW_SECONDS = 15 * 60;
/** Wrong codes allowed per card number per window. */
export const LOOKUP_MAX_FAILURES_PER_NUMBER = 5;
/** Wrong codes allowed per client address per window. */
export const LOOKUP_MAX_FAILURES_PER_CLIENT = 30;

const PREFIX = "volunteer-lookup:";

/** SHA-256 of a string as lowercase hex (Web Crypto; works in workerd and Node). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two equal-length hex strings without an early exit. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Card numbers as printed (V000001); input is trimmed and upper-cased before the look-up. */
export function normaliseVolunteerNo(input: string): string {
  return input.trim().toUpperCase();
}

/** The outcome of a self lookup. */
export type LookupResult =
  | { ok: true; statement: VolunteerStatement }
  | { ok: false; reason: "rate_limited"; retryAfter: number }
  | { ok: false; reason: "wrong_code" };

/**
 * Checks a card number and personal code. An unknown number and a wrong code give the same
 * answer, so the lookup cannot be used to find which numbers exist. Every failure counts
 * against the number and the client; once either is over its limit, even the right code is
 * refused until the window ends.
 */
export async function lookupOwnPoints(
  db: D1Database,
  input: { volunteerNo: string; code: string; client: string | null; now: number },
): Promise<LookupResult> {
  const no = normaliseVolunteerNo(input.volunteerNo);
  const { start: windowStart, retryAfter } = fixedWindow(input.now, LOOKUP_WINDOW_SECONDS);
  const numberBucket = `${PREFIX}no:${no}`;
  const clientBucket = input.client ? `${PREFIX}ip:${input.client}` : null;
  const [byNumber, byClient] = await Promise.all([
    maxRateCount(db, [numberBucket], windowStart),
    clientBucket ? maxRateCount(db, [clientBucket], windowStart) : Promise.resolve(0),
  ]);
  if (byNumber >= LOOKUP_MAX_FAILURES_PER_NUMBER || byClient >= LOOKUP_MAX_FAILURES_PER_CLIENT) {
    return { ok: false, reason: "rate_limited", retryAfter };
  }
  const found = await getVolunteerCodeHash(db, no);
  const hash = await sha256Hex(`${no}:${input.code.trim()}`);
  if (!found || !sameHex(hash, found.codeHash)) {
    await hitRateLimit(db, clientBucket ? [numberBucket, clientBucket] : [numberBucket], windowStart, PREFIX, input.now - 86_400);
    return { ok: false, reason: "wrong_code" };
  }
  const statement = await getVolunteerStatement(db, found.id);
  return statement ? { ok: true, statement } : { ok: false, reason: "wrong_code" };
}
