import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '@/lib/domain/working-days';

// 2025 国庆+中秋: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are working days.
const cal = new Map<string, boolean>([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((d) => [d, false] as [string, boolean]),
  ['2025-09-28', true],
  ['2025-10-11', true],
]);

describe('working days', () => {
  it('knows weekends, holidays and adjusted working days', () => {
    expect(isWorkingDay('2025-09-26', cal)).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28', cal)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2025-10-01', cal)).toBe(false); // Wednesday, 国庆
    expect(isWorkingDay('2025-10-11', cal)).toBe(true); // Saturday, 调休
  });

  it('counts a 5-working-day deadline across the National Day holiday', () => {
    // From Friday 09-26: 09-28 (Sun, working), 09-29, 09-30, then 10-09, 10-10.
    expect(addWorkingDays('2025-09-26', 5, cal)).toBe('2025-10-10');
    expect(workingDaysBetween('2025-09-26', '2025-10-10', cal)).toBe(5);
    expect(addWorkingDays('2025-11-14', 1, new Map())).toBe('2025-11-17'); // Friday → Monday
  });
});
