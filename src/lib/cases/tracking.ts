/** Following a report by its tracking code: shared by GET /api/reports/<code> and /track/. */
import { ApiError } from "../../../functions/errors.ts";
import { getCaseByTrackingCode, listCaseEvents } from "../db/cases.ts";
import { normaliseTrackingCode } from "../tracking-code.ts";
import { toPublicCase, type PublicCaseDto } from "./dto.ts";

/**
 * The public view of the case with this tracking code (as typed: spaces, lower case, O for 0
 * are forgiven). Throws ApiError 400 for a malformed code, 404 for an unknown one.
 */
export async function lookupReport(db: D1Database, typed: string): Promise<PublicCaseDto> {
  const code = normaliseTrackingCode(typed.slice(0, 40));
  if (!code) throw new ApiError(400, "invalid_tracking_code", "查询码格式不正确，请核对后重新输入（共 12 位，如 ABCD-EFGH-JK12）");
  const found = await getCaseByTrackingCode(db, code);
  if (!found) throw new ApiError(404, "report_not_found", "没有找到这个查询码对应的反映，请核对后重试");
  return toPublicCase(found, await listCaseEvents(db, found.id));
}
