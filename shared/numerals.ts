/** Chinese numerals as clerks and reports write them: 「十二」「一百零五」「两千」「二〇二四」「叁拾」「一亿二千万」. */

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** The characters a numeral may use (for building patterns that find one). */
export const NUMERAL_CHARS = '零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** The value of a Chinese numeral; undefined when `s` is not one. Digits alone read digit by digit, as years are. */
export function chineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  const chars = [...s];
  if (chars.every((c) => c in DIGIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  // yi: the part before 亿 (times 1e8); wan: before 万 (times 1e4); section: below 万.
  let yi = 0, wan = 0, section = 0;
  let digit: number | undefined;
  for (const c of chars) {
    if (c in DIGIT) digit = DIGIT[c]!;
    else if (c in SMALL_UNIT) {
      section += (digit ?? 1) * SMALL_UNIT[c]!;
      digit = undefined;
    } else if (c === '万') {
      wan = (section + (digit ?? 0) || 1) * 1e4;
      section = 0;
      digit = undefined;
    } else if (c === '亿') {
      yi = (wan + section + (digit ?? 0) || 1) * 1e8;
      wan = 0;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  return yi + wan + section + (digit ?? 0);
}
