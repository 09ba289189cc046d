/** The one error shape of the API: { "error": { "code", "message" } }. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error a handler throws to answer with a 4xx (or 5xx) and a stable code. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly headers: Record<string, string>;

  /** `message` is shown to people, in Chinese; `code` is for programs, in English. */
  constructor(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** 429 with Retry-After: `what` says what was too frequent ("查询次数过多"); the wait is in whole minutes. */
export function rateLimited(what: string, retryAfter: number): ApiError {
  return new ApiError(429, "rate_limited", `${what}，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { "Retry-After": String(retryAfter) });
}

/** Builds the JSON error response. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message } }, status);
}
