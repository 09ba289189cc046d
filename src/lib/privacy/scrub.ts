/**
 * Scrubbing of public text: removes phone numbers, ID-card numbers, e-mail addresses and
 * licence plates from staff-written public summaries before they are published anywhere.
 *
 * Matching runs on a normalised copy of the text (full-width forms folded to ASCII, the
 * ideographic space to a space) of the same length, so every match maps back to the same
 * span of the original text and everything that is not personal data is kept as written.
 */

/** What a removed span is replaced with, by kind. */
export const SCRUB_PLACEHOLDERS = {
  id: "[证件号已隐去]",
  phone: "[电话已隐去]",
  email: "[邮箱已隐去]",
  plate: "[车牌已隐去]",
} as const;

/** Characters people put between digits: spaces, dashes of every width, dots, slashes. */
const SEP = "[ \\t\\u00a0\\-\\u2010-\\u2015\\u2212\\u30fc._/·•]";
/** A digit followed by at most two separators. */
const D = `\\d${SEP}{0,2}`;

/** Folds full-width ASCII (U+FF01–FF5E) and the ideographic space; keeps the length. */
function normalise(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领";

/** Patterns in the order they are applied; an earlier kind wins an overlap. */
const PATTERNS: { kind: keyof typeof SCRUB_PLACEHOLDERS; re: RegExp }[] = [
  // E-mail first, so digits inside an address are not mistaken for a phone number.
  {
    kind: "email",
    re: /[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z0-9\-]+)*\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z]{2,}/gi,
  },
  // Resident ID card: 17 digits and a check character (18-digit), or the old 15-digit form.
  { kind: "id", re: new RegExp(`(?<![\\dA-Za-z])(?:${D}){17}[\\dXx](?![\\dA-Za-z])`, "g") },
  { kind: "id", re: new RegExp(`(?<![\\dA-Za-z])[1-9]${SEP}{0,2}(?:${D}){13}\\d(?![\\dA-Za-z])`, "g") },
  // Mobile numbers: 11 digits starting with 1, with an optional +86 / 0086 / 86 prefix.
  { kind: "phone", re: new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP}{0,2}|\\(\\+?86\\)${SEP}{0,2})?1${SEP}{0,2}(?:${D}){9}\\d(?!\\d)`, "g") },
  // Landlines: area code 0xx / 0xxx (optionally in brackets) and 7–8 digits, optional extension;
  // also 400 / 800 service numbers.
  {
    kind: "phone",
    re: new RegExp(`(?<!\\d)(?:\\(0\\d{2,3}\\)|0${SEP}{0,2}\\d${SEP}{0,2}\\d(?:${SEP}{0,2}\\d)?)${SEP}{0,2}[1-9](?:${SEP}{0,2}\\d){6,7}(?:${SEP}{0,2}(?:转|ext\\.?|x)${SEP}{0,2}\\d{1,5})?(?!\\d)`, "gi"),
  },
  { kind: "phone", re: new RegExp(`(?<!\\d)[48]00(?:${SEP}{0,2}\\d){7}(?!\\d)`, "g") },
  // A run of 7 or more digits announced as a phone number (local numbers without area code).
  { kind: "phone", re: new RegExp(`(?<=(?:电话|座机|手机|手机号|联系方式|号码|tel|TEL|Tel)[:\\s]{0,3})\\d(?:${SEP}{0,2}\\d){6,}`, "g") },
  // Licence plates: province character, letter, then 5 (6 for new-energy) letters or digits.
  {
    kind: "plate",
    re: new RegExp(`[${PROVINCES}]${SEP}{0,2}[A-Za-z]${SEP}{0,2}(?:[A-Za-z0-9]${SEP}{0,1}){4,5}[A-Za-z0-9挂学警港澳](?![A-Za-z0-9])`, "g"),
  },
];

/**
 * Removes Chinese mobile and landline numbers, resident ID-card numbers, e-mail addresses and
 * licence plates from a text meant for publication, including when they are written with
 * spaces, dashes or full-width characters. Everything else is returned unchanged.
 */
export function scrubPublicText(text: string): string {
  if (!text) return "";
  const norm = normalise(text);
  const taken: [number, number, string][] = [];
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      let start = m.index;
      let end = start + m[0].length;
      // Trailing separators belong to the surrounding text.
      while (end > start && /[\s\-._/·•]/.test(norm[end - 1]!)) end--;
      while (start < end && /\s/.test(norm[start]!)) start++;
      if (end <= start) continue;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end, SCRUB_PLACEHOLDERS[kind]]);
    }
  }
  if (taken.length === 0) return text;
  taken.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [s, e, placeholder] of taken) {
    out += text.slice(at, s) + placeholder;
    at = e;
  }
  return out + text.slice(at);
}
