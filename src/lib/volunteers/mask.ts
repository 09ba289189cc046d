/** Display names of volunteers in public: masked, or anonymous for those who opted out. */

/** What opted-out volunteers are called in public rankings. */
export const ANONYMOUS_VOLUNTEER = "匿名志愿者";

/**
 * Masks a personal name for publication: 张三华 → 张*华, 李四 → 李*, 欧阳小华 → 欧**华,
 * a one-character name → *. Works on code points, so rare characters outside the BMP
 * are never split. Only the first and the last character of a name of three or more survive.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The public display name of a volunteer: masked, or 匿名志愿者 when they opted out. */
export function displayName(name: string, optOut: boolean): string {
  return optOut ? ANONYMOUS_VOLUNTEER : maskName(name);
}
