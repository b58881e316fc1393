/** The one place use-cases read the time; tests move it with vi.setSystemTime. */
export const now = () => new Date();

/** Today's date in China (UTC+8, no DST), as YYYY-MM-DD — the "as of" date the rules engine takes. */
export function todayInChina(at: Date = now()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
