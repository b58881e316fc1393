import type { DbOrTx } from '../client';
import { calendarDays } from '../schema';

type Span = [from: string, to: string, note: string];

/**
 * Public holidays and adjusted working days (国务院办公厅 holiday notices for 2025 and
 * 2026). Reference data: an administrator adds each new year's notice.
 */
const HOLIDAYS: Span[] = [
  ['2025-01-01', '2025-01-01', '元旦'],
  ['2025-01-28', '2025-02-04', '春节'],
  ['2025-04-04', '2025-04-06', '清明节'],
  ['2025-05-01', '2025-05-05', '劳动节'],
  ['2025-05-31', '2025-06-02', '端午节'],
  ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
];
const ADJUSTED_WORKING_DAYS: [string, string][] = [
  ['2025-01-26', '春节调休上班'], ['2025-02-08', '春节调休上班'], ['2025-04-27', '劳动节调休上班'],
  ['2025-09-28', '国庆节调休上班'], ['2025-10-11', '国庆节调休上班'],
  ['2026-01-04', '元旦调休上班'], ['2026-02-14', '春节调休上班'], ['2026-02-28', '春节调休上班'],
  ['2026-05-09', '劳动节调休上班'], ['2026-09-20', '国庆节调休上班'], ['2026-10-10', '国庆节调休上班'],
];

function* days(from: string, to: string) {
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) yield d.toISOString().slice(0, 10);
}

export async function seedCalendar(db: DbOrTx) {
  const rows = [
    ...HOLIDAYS.flatMap(([from, to, note]) => [...days(from, to)].map((date) => ({ date, isWorkingDay: false, note }))),
    ...ADJUSTED_WORKING_DAYS.map(([date, note]) => ({ date, isWorkingDay: true, note })),
  ];
  for (const r of rows) {
    await db.insert(calendarDays).values(r).onConflictDoUpdate({ target: calendarDays.date, set: { isWorkingDay: r.isWorkingDay, note: r.note } });
  }
}
