import type { DbOrTx } from '@/db/client';
import { calendarDays } from '@/db/schema';
import type { CalendarExceptions } from '@/lib/domain/working-days';

/** The holiday and 调休 exceptions as a look-up for the pure working-day functions. */
export async function loadCalendar(db: DbOrTx): Promise<CalendarExceptions> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.date, r.isWorkingDay]));
}
