import { asc, count, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policyChanges } from '@/db/schema';
import { buildCatalog } from '@/lib/domain/policy/build-catalog';
import { DEFAULT_CATALOG, KAIZHOU_CODE, type RuleCatalog } from '@/lib/domain/rules';

// The catalogue only changes when a policy change is approved: keep the built one per
// database (the engine memoises look-ups per catalogue object) until a newer approval.
const built = new WeakMap<object, { stamp: string; catalog: RuleCatalog }>();

/**
 * The rule sets and LPR table in force: the shipped defaults plus the approved policy
 * changes in the database. Without a database handle (pure tools, benchmarks), the defaults.
 */
export async function getRuleCatalog(db?: DbOrTx): Promise<RuleCatalog> {
  if (!db) return DEFAULT_CATALOG;
  // Approvals are never undone, so their count (with the latest time) identifies the catalogue.
  const [{ latest, approvals }] = await db
    .select({ latest: max(policyChanges.decidedAt), approvals: count() })
    .from(policyChanges)
    .where(eq(policyChanges.status, 'approved'));
  const stamp = `${approvals}@${latest ? new Date(latest).toISOString() : '-'}`;
  const hit = built.get(db);
  if (hit?.stamp === stamp) return hit.catalog;
  const approved = await db
    .select({ kind: policyChanges.kind, payload: policyChanges.payload })
    .from(policyChanges)
    .where(eq(policyChanges.status, 'approved'))
    .orderBy(asc(policyChanges.decidedAt), asc(policyChanges.id));
  const catalog = buildCatalog(DEFAULT_CATALOG, approved);
  built.set(db, { stamp, catalog });
  return catalog;
}

/** The district this deployment serves (rules engine jurisdiction code). */
export const DEPLOYMENT_DISTRICT = process.env.DISTRICT_CODE ?? KAIZHOU_CODE;
