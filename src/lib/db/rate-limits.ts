/**
 * Fixed-window rate limits in the rate_limits table, shared by the intake (reports per
 * client), the volunteer self lookup and the tracking lookup (wrong codes per client).
 */

/** The fixed window `now` falls in: its start, and the seconds until the next one begins. */
export function fixedWindow(now: number, seconds: number): { start: number; retryAfter: number } {
  const start = now - (now % seconds);
  return { start, retryAfter: start + seconds - now };
}

/**
 * Counts one request in a fixed window and returns the count so far in that window
 * (atomic: one upsert).
 */
export async function countRateLimitHit(db: D1Database, bucket: string, windowStart: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (bucket, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(bucket, windowStart)
    .first<{ count: number }>();
  return row?.count ?? 1;
}

/** The highest count among the buckets in a window. */
export async function maxRateCount(db: D1Database, buckets: string[], windowStart: number): Promise<number> {
  if (buckets.length === 0) return 0;
  const row = await db
    .prepare(`SELECT coalesce(max(count), 0) AS n FROM rate_limits WHERE window_start = ?1 AND bucket IN (SELECT value FROM json_each(?2))`)
    .bind(windowStart, JSON.stringify(buckets))
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Counts one hit in each bucket for the window, and drops windows older than `expireBefore` of the same prefix. */
export async function hitRateLimit(db: D1Database, buckets: string[], windowStart: number, prefix: string, expireBefore: number): Promise<void> {
  await db.batch([
    ...buckets.map((b) =>
      db
        .prepare(
          `INSERT INTO rate_limits (bucket, window_start, count) VALUES (?1, ?2, 1)
           ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1`,
        )
        .bind(b, windowStart),
    ),
    db.prepare("DELETE FROM rate_limits WHERE bucket >= ?1 AND bucket < ?1 || char(1114111) AND window_start < ?2").bind(prefix, expireBefore),
  ]);
}
