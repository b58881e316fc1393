/**
 * Reference data that changes rarely (the holiday calendar, towns, banks) kept per database
 * handle for a short time, so a busy list does not reload it on every request. A use-case
 * that changes such data calls `forgetReference` (this process sees the change at once);
 * other processes see it within `REFERENCE_TTL_MS`.
 */
export const REFERENCE_TTL_MS = 60_000;

type Entry = { at: number; generation: number; value: Promise<unknown> };
const caches = new WeakMap<object, Map<string, Entry>>();
const generations = new Map<string, number>();

export function cachedReference<T>(db: object, key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const generation = generations.get(key) ?? 0;
  const hit = cache.get(key);
  if (hit && hit.generation === generation && now - hit.at < REFERENCE_TTL_MS) return hit.value as Promise<T>;
  const value = load();
  const entry = { at: now, generation, value };
  cache.set(key, entry);
  // A failed load is not kept: the next request tries again.
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}

/** Drop `key` from every handle's cache in this process (after a change to what it holds). */
export function forgetReference(key: string): void {
  generations.set(key, (generations.get(key) ?? 0) + 1);
}
