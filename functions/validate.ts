/**
 * zod validation for handlers with the API's error shape. Wraps @hono/zod-validator so a
 * failed check answers 400 { error: { code: "invalid_<target>", message } } in Chinese.
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { ApiError } from "./errors.ts";

/** Validates one request part (`query`, `json`, `form`, `param`, `header`). */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.join(".") || target;
      throw new ApiError(400, `invalid_${target}`, `参数 ${field} 无效：${issue?.message ?? "格式不正确"}`);
    }
  });
}
