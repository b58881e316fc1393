import type { LprTable, RuleCatalog, RuleSet } from '../rules/rule-set-schema';

export interface ApprovedChange {
  kind: 'lpr_rate' | 'rule_set';
  payload: unknown;
}

/**
 * The catalogue in force: the shipped defaults plus every approved change, in approval
 * order. An LPR row replaces one with the same effective date; a rule set is added as a
 * version (the engine picks the latest effective date, then the highest version).
 */
export function buildCatalog(defaults: RuleCatalog, approved: readonly ApprovedChange[]): RuleCatalog {
  if (approved.length === 0) return defaults;
  const rows = new Map(defaults.lprTable.rows.map((r) => [r.effectiveFrom, r]));
  const ruleSets: RuleSet[] = [...defaults.ruleSets];
  for (const c of approved) {
    if (c.kind === 'lpr_rate') {
      const row = c.payload as LprTable['rows'][number];
      rows.set(row.effectiveFrom, row);
    } else {
      ruleSets.push(c.payload as RuleSet);
    }
  }
  const lprTable: LprTable = {
    ...defaults.lprTable,
    version: defaults.lprTable.version + approved.filter((c) => c.kind === 'lpr_rate').length,
    rows: [...rows.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)),
  };
  return { ruleSets, lprTable };
}
