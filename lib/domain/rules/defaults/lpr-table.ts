import type { LprTable } from '../rule-set-schema';

/** 1-year LPR (rules.md §3). Administrators append rows; a publication day uses the new value. */
export const DEFAULT_LPR_TABLE: LprTable = {
  id: 'lpr-1y',
  version: 1,
  tenor: '1Y',
  rows: [
    { effectiveFrom: '2019-08-20', ratePercent: '4.25' },
    { effectiveFrom: '2019-09-20', ratePercent: '4.20' },
    { effectiveFrom: '2019-11-20', ratePercent: '4.15' },
    { effectiveFrom: '2020-02-20', ratePercent: '4.05' },
    { effectiveFrom: '2020-04-20', ratePercent: '3.85' },
    { effectiveFrom: '2021-12-20', ratePercent: '3.80' },
    { effectiveFrom: '2022-01-20', ratePercent: '3.70' },
    { effectiveFrom: '2022-08-22', ratePercent: '3.65' },
    { effectiveFrom: '2023-06-20', ratePercent: '3.55' },
    { effectiveFrom: '2023-08-21', ratePercent: '3.45' },
    { effectiveFrom: '2024-07-22', ratePercent: '3.35' },
    { effectiveFrom: '2024-10-21', ratePercent: '3.10' },
    { effectiveFrom: '2025-05-20', ratePercent: '3.00' }, // unchanged through 2026-01-20
  ],
  preLprBenchmark: { ratePercent: '4.35', source: 'PBoC 1-year benchmark lending rate before 2019-08-20' },
};
