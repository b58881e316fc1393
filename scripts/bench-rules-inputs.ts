/** The benchmark's interest inputs: deterministic (seeded PRNG), so runs are comparable. */
import { addDays, fromDay, toDay } from '../lib/domain/dates';

/** mulberry32: tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateInterestInputs(count: number, seed = 20250603): Record<string, unknown>[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const first = toDay('2016-01-01');
  const last = toDay('2026-01-31');
  return Array.from({ length: count }, () => {
    const contractDate = fromDay(int(first, last));
    const disbursedDate = addDays(contractDate, int(0, 20));
    const periodStart = addDays(disbursedDate, int(0, 900));
    const periodEnd = addDays(periodStart, int(0, 91));
    const input: Record<string, unknown> = {
      district: pick(['500154', '500154', '500103', '500101', '500243', '110105']),
      borrowerType: pick(['individual', 'individual', 'partnership', 'enterprise']),
      principal: `${int(10_000, 3_000_000)}.${String(int(0, 99)).padStart(2, '0')}`,
      contractDate, disbursedDate, periodStart, periodEnd,
      annualRate: pick(['2.85', '3.30', '3.50', '3.85', '4.35', '4.65', '5.20']),
    };
    if (rand() < 0.05) input.overdue = true;
    const span = toDay(periodEnd) - toDay(periodStart);
    if (rand() < 0.2 && span > 10) input.balances = [{ from: addDays(periodStart, int(1, span)), principal: `${int(1_000, 10_000)}.00` }];
    return input;
  });
}
