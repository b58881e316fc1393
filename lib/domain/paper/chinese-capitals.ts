/**
 * An amount in Chinese capital numerals (大写金额), as written on vouchers and approval forms
 * (《支付结算办法》附一 正确填写票据和结算凭证的基本规定): 壹贰叁…, 拾佰仟, 万亿; 元 角 分; 整 when
 * the amount ends at 元 or 角; one 零 for any run of zeros in the middle; 零 between 元 and 分
 * when 角 is zero. Pure: fen in, text out. Up to 9,999亿 yuan.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿'];
const MAX_YUAN = 10n ** 12n; // 万亿

function yuanText(n: bigint): string {
  if (n === 0n) return '零';
  const s = n.toString();
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    const pos = s.length - 1 - i;
    if (d === 0) zeroPending = true;
    else {
      if (zeroPending && out) out += '零';
      zeroPending = false;
      out += DIGITS[d] + SMALL_UNITS[pos % 4];
    }
    if (pos % 4 === 0 && pos > 0) {
      const group = s.slice(Math.max(0, i - 3), i + 1);
      // A zero in the 万 or 亿 place itself is carried by the unit: 壹拾万柒仟, not 壹拾万零柒仟.
      if (Number(group) !== 0) {
        out += GROUP_UNITS[pos / 4];
        zeroPending = false;
      }
    }
  }
  return out;
}

export function amountInChineseCapitals(fen: bigint): string {
  if (fen < 0n) return `负${amountInChineseCapitals(-fen)}`;
  const yuan = fen / 100n;
  if (yuan >= MAX_YUAN) throw new RangeError('amount too large for 大写 (≥ 1 万亿元)');
  const jiao = Number((fen / 10n) % 10n);
  const cent = Number(fen % 10n);
  if (jiao === 0 && cent === 0) return `${yuanText(yuan)}元整`;
  let out = yuan > 0n ? `${yuanText(yuan)}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0n) out += '零';
  out += cent > 0 ? `${DIGITS[cent]}分` : '整';
  return out;
}
