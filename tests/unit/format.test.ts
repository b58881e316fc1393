import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTimeText } from '@/app/portal/_components/format';

const locale = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

describe('dateTimeText (China time without the locale machinery)', () => {
  it('writes what toLocaleString(zh-CN, Asia/Shanghai) writes', () => {
    for (const s of ['2026-01-05T01:03:07Z', '2026-12-31T16:00:00Z', '2026-06-30T15:59:59.999Z', '2024-02-28T16:00:00Z', '1999-12-31T15:59:59Z']) {
      expect(dateTimeText(new Date(s))).toBe(locale(new Date(s)));
      expect(dateTimeText(s)).toBe(locale(new Date(s)));
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => dateTimeText(new Date(t)) === locale(new Date(t))),
      { numRuns: 2000 },
    );
  });

  it('a dash for nothing', () => {
    expect([dateTimeText(null), dateTimeText(undefined), dateTimeText('')]).toEqual(['—', '—', '—']);
  });
});
