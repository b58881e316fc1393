/** Paths (a.b.0.c) of the leaves that differ between two JSON-like values. */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObj(a) || !isObj(b)) return normalise(a) === normalise(b) ? [] : [prefix || '.'];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
}

// An emptied optional field and a missing one mean the same thing.
const normalise = (v: unknown) => (v === undefined || v === null || v === '' ? '' : JSON.stringify(v));

/** True when `path` is the field itself or lies inside it (`business` covers `business.address`). */
export const isWithin = (path: string, field: string) => path === field || path.startsWith(`${field}.`);
