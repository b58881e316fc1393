/** Display helpers shared by the portal pages (fen as yuan with thousands separators, dates in China time). */
export function yuanText(fen: string | bigint | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const v = BigInt(fen);
  const abs = v < 0n ? -v : v;
  const int = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${v < 0n ? '-' : ''}${int}.${(abs % 100n).toString().padStart(2, '0')} 元`;
}

export function yuanStringText(yuan: string | null | undefined): string {
  if (!yuan) return '—';
  const [i, d = '00'] = yuan.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d.padEnd(2, '0')} 元`;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * An instant in China time as `toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })`
 * writes it ("2026/1/5 09:03:07"), without the locale machinery (a list formats hundreds of
 * cells per page). China has kept UTC+8 without daylight saving since 1991.
 */
export function dateTimeText(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const t = new Date(d).getTime();
  if (Number.isNaN(t)) return 'Invalid Date';
  const c = new Date(t + CHINA_OFFSET_MS);
  return `${c.getUTCFullYear()}/${c.getUTCMonth() + 1}/${c.getUTCDate()} ${two(c.getUTCHours())}:${two(c.getUTCMinutes())}:${two(c.getUTCSeconds())}`;
}
