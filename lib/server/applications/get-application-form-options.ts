import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, towns } from '@/db/schema';
import { selectRuleSet } from '@/lib/domain/rules';
import { todayInChina } from '@/lib/server/clock';
import { cachedReference } from '@/lib/server/reference-cache';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { INDUSTRIES } from '@/lib/validation/application';

export interface ApplicationFormOptions {
  towns: { code: string; name: string }[];
  banks: { code: string; name: string }[];
  categories: { code: string; label: string }[];
  industries: readonly string[];
}

/** What `forgetReference` is called with when a bank is added or renamed. */
export const BANKS_REFERENCE = 'banks';

/** The choices the form offers, from reference data (cached briefly) and the rule set in force today. */
export async function getApplicationFormOptions(db: Db): Promise<ApplicationFormOptions> {
  const catalog = await getRuleCatalog(db);
  const loanSet = selectRuleSet(catalog.ruleSets, 'loan', DEPLOYMENT_DISTRICT, todayInChina());
  const [townRows, bankRows] = await Promise.all([
    cachedReference(db, 'towns', () => db.select({ code: towns.code, name: towns.name }).from(towns).orderBy(asc(towns.sortOrder))),
    cachedReference(db, BANKS_REFERENCE, () =>
      db.select({ code: organisations.code, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'bank')).orderBy(asc(organisations.id))),
  ]);
  return { towns: townRows, banks: bankRows, categories: loanSet.params.eligibleCategories, industries: INDUSTRIES };
}
