/**
 * Staff bearer-token authentication: `Authorization: Bearer <token>`. The token is hashed
 * (SHA-256 hex) and looked up among active accounts; no token or an unknown/revoked one
 * answers 401. Scope and role checks happen per case (src/lib/auth/scope.ts).
 */
import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors.ts";
import { bearerToken, hashStaffToken } from "../../src/lib/auth/tokens.ts";
import { findActiveStaffByTokenHash, type StaffAccount } from "../../src/lib/db/staff-accounts.ts";

/** Hono environment of staff routes: the bindings and the authenticated account. */
export type StaffEnv = { Bindings: Env; Variables: { staff: StaffAccount } };

const challenge = { "WWW-Authenticate": 'Bearer realm="wanggetong-staff"' };

/** Requires a valid staff token; sets `c.var.staff`. */
export const staffAuth = createMiddleware<StaffEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) throw new ApiError(401, "unauthorized", "需要工作人员令牌（Authorization: Bearer …）", challenge);
  const token = bearerToken(header);
  const account = token ? await findActiveStaffByTokenHash(c.env.DB, await hashStaffToken(token)) : null;
  if (!account) throw new ApiError(401, "invalid_token", "令牌无效或已停用", challenge);
  c.set("staff", account);
  await next();
});
