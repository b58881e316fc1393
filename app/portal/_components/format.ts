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

export function dateTimeText(d: Date | string | null | undefined): string {
  if (!d) return '—';
  return new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
