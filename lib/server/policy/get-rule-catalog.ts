import { DEFAULT_CATALOG, KAIZHOU_CODE, type RuleCatalog } from '@/lib/domain/rules';

/**
 * The rule sets and LPR table in force. Today the defaults shipped with the engine;
 * policy administration (maker-checker) will store versions in the database.
 */
export async function getRuleCatalog(): Promise<RuleCatalog> {
  return DEFAULT_CATALOG;
}

/** The district this deployment serves (rules engine jurisdiction code). */
export const DEPLOYMENT_DISTRICT = process.env.DISTRICT_CODE ?? KAIZHOU_CODE;
