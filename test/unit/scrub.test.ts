import { describe, expect, it } from "vitest";
import { scrubPublicText } from "../../src/lib/privacy/scrub.ts";

/** Tricky inputs and the personal data that must not survive scrubbing (digits only compared). */
const LEAKS: [input: string, secret: string][] = [
  ["联系13812345678处理", "13812345678"],
  ["手机 138 1234 5678 王先生", "13812345678"],
  ["电话：138-1234-5678。", "13812345678"],
  ["电话１３８１２３４５６７８", "13812345678"],
  ["１３８－１２３４－５６７８", "13812345678"],
  ["+86 138 1234 5678", "13812345678"],
  ["0086-13812345678", "13812345678"],
  ["（+86）13812345678", "13812345678"],
  ["138—1234—5678", "13812345678"],
  ["1 3 8 1 2 3 4 5 6 7 8", "13812345678"],
  ["座机0371-67891234转123", "037167891234"],
  ["（0371）67891234", "037167891234"],
  ["(0371) 6789 1234", "037167891234"],
  ["０３７１－６７８９１２３４", "037167891234"],
  ["010 8888 6666", "01088886666"],
  ["请拨打电话 6789123 联系", "6789123"],
  ["400-123-4567", "4001234567"],
  ["身份证410103199001011234", "410103199001011234"],
  ["证号 410103 19900101 123X", "41010319900101123"],
  ["４１０１０３１９９００１０１１２３ｘ", "41010319900101123"],
  ["4101-0319-9001-0112-34", "410103199001011234"],
  ["老证号410103900101123", "410103900101123"],
];
const EMAILS: [string, string][] = [
  ["邮箱zhang.san@example.com已回复", "zhang.san"],
  ["zhang_san ＠ qq．com", "zhang_san"],
  ["ＺＨＡＮＧ＠１６３．ＣＯＭ", "ＺＨＡＮＧ"],
  ["写信至 li-si(at)mail(dot)cn", "li-si"],
  ["test.user+tag@sub.example.com.cn", "test.user"],
];
const PLATES: [string, string][] = [
  ["豫A12345占道停车", "12345"],
  ["豫A·12345", "12345"],
  ["豫 a 1234 5 已挪走", "1234"],
  ["豫Ａ１２３４５", "１２３４５"],
  ["京AD12345新能源车", "D12345"],
  ["粤B-8888学", "8888"],
];

const digits = (s: string) => s.normalize("NFKC").replace(/\D/g, "");

describe("scrubPublicText", () => {
  it.each(LEAKS)("removes the number in %s", (input, secret) => {
    const out = scrubPublicText(input);
    expect(digits(out)).not.toContain(secret.replace(/\D/g, ""));
    expect(out).toContain("已隐去");
  });

  it.each(EMAILS)("removes the e-mail address in %s", (input, local) => {
    const out = scrubPublicText(input);
    expect(out).not.toContain(local);
    expect(out).not.toMatch(/[@＠]|\(at\)/);
    expect(out).toContain("[邮箱已隐去]");
  });

  it.each(PLATES)("removes the licence plate in %s", (input, tail) => {
    const out = scrubPublicText(input);
    expect(out).not.toContain(tail);
    expect(out).toContain("[车牌已隐去]");
  });

  it("keeps the text around a removed number as it was", () => {
    expect(scrubPublicText("王先生（手机13812345678）反映京广路窨井盖塌陷")).toBe("王先生（手机[电话已隐去]）反映京广路窨井盖塌陷");
    expect(scrubPublicText("豫A12345占用盲道，已劝离")).toBe("[车牌已隐去]占用盲道，已劝离");
  });

  it("leaves ordinary summaries alone: dates, addresses, counts, durations, road names", () => {
    for (const text of [
      "2015-06-01 京广路与大学路口窨井盖塌陷，已更换新井盖",
      "福华街12号楼，共3户反映，已处置",
      "全年排查录入108372件，处置105803件",
      "处置用时72小时",
      "京广南路200号路面坑洼，已修复",
      "新华路3号院楼道杂物，已清理",
      "2015年6月1日 14:30 已办结",
      "",
    ]) {
      expect(scrubPublicText(text)).toBe(text);
    }
  });

  it("is idempotent", () => {
    const once = scrubPublicText("电话13812345678，邮箱a@b.cn，车牌豫A12345，身份证410103199001011234");
    expect(scrubPublicText(once)).toBe(once);
    expect(once).toBe("电话[电话已隐去]，邮箱[邮箱已隐去]，车牌[车牌已隐去]，身份证[证件号已隐去]");
  });
});
