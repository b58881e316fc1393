/**
 * "Which version applies on date D in district X": the latest effectiveFrom ≤ D
 * among the sets of the most specific jurisdiction that has one, falling back
 * district → prefecture (XXXX00) → province (XX0000) → national. Ties on
 * effectiveFrom are broken by the higher version (an approved correction).
 * Callers pass only approved sets (maker-checker lives outside the engine).
 */
import { isIsoDate, type IsoDate } from '../dates';
import { RuleError, invalidInput } from '../errors';
import type { RuleKind, RuleSet, RuleSetOf } from './rule-set-schema';

/** Most specific first; duplicates removed (e.g. a province code is its own prefecture). */
export function jurisdictionChain(jurisdiction: string): string[] {
  if (jurisdiction === 'national') return ['national'];
  if (!/^\d{6}$/.test(jurisdiction)) throw invalidInput(`行政区划代码应为6位数字：${jurisdiction}`, 'district');
  const chain = [jurisdiction, `${jurisdiction.slice(0, 4)}00`, `${jurisdiction.slice(0, 2)}0000`, 'national'];
  return chain.filter((code, i) => chain.indexOf(code) === i);
}

// Batches ask the same question thousands of times; memoise per catalogue array (bounded).
const memo = new WeakMap<readonly RuleSet[], Map<string, RuleSet>>();
const MEMO_LIMIT = 50_000;

export function selectRuleSet<K extends RuleKind>(ruleSets: readonly RuleSet[], kind: K, jurisdiction: string, date: IsoDate): RuleSetOf<K> {
  let cache = memo.get(ruleSets);
  if (!cache) memo.set(ruleSets, (cache = new Map()));
  const key = `${kind}|${jurisdiction}|${date}`;
  const hit = cache.get(key);
  if (hit) return hit as RuleSetOf<K>;
  const found = findRuleSet(ruleSets, kind, jurisdiction, date);
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

function findRuleSet<K extends RuleKind>(ruleSets: readonly RuleSet[], kind: K, jurisdiction: string, date: IsoDate): RuleSetOf<K> {
  if (!isIsoDate(date)) throw invalidInput(`日期格式不正确：${String(date)}`, 'date');
  for (const code of jurisdictionChain(jurisdiction)) {
    let best: RuleSet | undefined;
    for (const set of ruleSets) {
      if (set.kind !== kind || set.jurisdiction !== code || set.effectiveFrom > date) continue;
      if (!best || set.effectiveFrom > best.effectiveFrom || (set.effectiveFrom === best.effectiveFrom && set.version > best.version)) best = set;
    }
    if (best) return best as RuleSetOf<K>;
  }
  throw new RuleError('NO_RULE_SET', `${date} 在 ${jurisdiction} 没有适用的政策规则`, { kind, jurisdiction, date });
}

/** The newest version regardless of date, for rules asked without a date (e.g. skills subsidy). */
export function latestRuleSet<K extends RuleKind>(ruleSets: readonly RuleSet[], kind: K, jurisdiction: string): RuleSetOf<K> {
  return selectRuleSet(ruleSets, kind, jurisdiction, '9999-12-31');
}
