import type { DbOrTx } from '@/db/client';
import { calendarDays } from '@/db/schema';
import type { CalendarExceptions } from '@/lib/domain/working-days';
import { cachedReference } from '@/lib/server/reference-cache';

/**
 * The holiday and 调休 exceptions as a look-up for the pure working-day functions. Seeded
 * reference data, kept for a minute per database handle (every queue page needs it).
 */
export function loadCalendar(db: DbOrTx): Promise<CalendarExceptions> {
  return cachedReference(db, 'calendar', async () => {
    const rows = await db.select().from(calendarDays);
    return new Map(rows.map((r) => [r.date, r.isWorkingDay]));
  });
}
