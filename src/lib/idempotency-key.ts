/** The Idempotency-Key header clients may send with writes (reports, redemptions). */
import { ApiError } from "../../functions/errors.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

/** The key, or null when none was sent; 400 for one that is not 8–128 visible ASCII characters. */
export function parseIdempotencyKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(value)) throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key 应为 8–128 个可见 ASCII 字符");
  return value;
}
