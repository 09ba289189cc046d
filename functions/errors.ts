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

/** Builds the JSON error response. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message } }, status);
}
