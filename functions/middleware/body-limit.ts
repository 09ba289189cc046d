/** Refuses request bodies over 64 KB on /api/* with 413 in the API's error shape. */
import { bodyLimit } from "hono/body-limit";
import { errorResponse } from "../errors.ts";

/** The largest request body the API reads. Reports are a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Hono middleware: checks Content-Length and, for streamed bodies, the bytes actually read. */
export const apiBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => errorResponse(c, 413, "payload_too_large", "请求内容过大（不能超过 64 KB）"),
});
