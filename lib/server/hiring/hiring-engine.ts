import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { hiringFilingHires, hiringFilings, type HiringFiling, type HiringFilingHire } from '@/db/schema';
import { computeHiringSubsidy, type RuleCatalog } from '@/lib/domain/rules';
import { DEPLOYMENT_DISTRICT } from '@/lib/server/policy/get-rule-catalog';

/** Per hire, as stored in `hiring_filings.result` (JSON: amounts as fen text). */
export interface StoredHireResult {
  hireId: string;
  eligible: boolean;
  amountFen: string;
  reasons: { code: string; message: string }[];
  /** Filings (numbers) under which this person was already subsidised. */
  priorFilings: string[];
}

export interface StoredHiringResult {
  amountFen: string;
  perHire: StoredHireResult[];
  ruleSet: unknown;
  trace: unknown;
  jurisdiction: string;
}

/**
 * Persons of `hires` already subsidised in another filing (approved or batched, with a
 * positive amount for that person) — under either scheme: 吸纳补贴 and 扩岗补助 are never
 * stacked, and neither is paid twice.
 */
export async function priorSubsidies(db: DbOrTx, filingId: string, hires: Pick<HiringFilingHire, 'idNumberHash'>[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const hashes = [...new Set(hires.map((h) => h.idNumberHash))];
  if (hashes.length === 0) return out;
  const rows = await db
    .select({ hash: hiringFilingHires.idNumberHash, number: hiringFilings.number })
    .from(hiringFilingHires)
    .innerJoin(hiringFilings, eq(hiringFilings.id, hiringFilingHires.filingId))
    .where(and(inArray(hiringFilingHires.idNumberHash, hashes), ne(hiringFilings.id, filingId), inArray(hiringFilings.status, ['approved', 'batched']), gt(hiringFilingHires.amountFen, 0n)));
  for (const r of rows) out.set(r.hash, [...(out.get(r.hash) ?? []), r.number]);
  return out;
}

/** The engine's answer for a filing's hires, given who was subsidised before. */
export function computeFiling(filing: HiringFiling, hires: HiringFilingHire[], prior: Map<string, string[]>, catalog: RuleCatalog): { amountFen: bigint; perHire: Map<string, bigint>; result: StoredHiringResult } {
  const r = computeHiringSubsidy(
    {
      jurisdiction: DEPLOYMENT_DISTRICT,
      policyYear: filing.policyYear,
      scheme: filing.scheme,
      hires: hires.map((h) => ({ category: h.category, contractMonths: h.contractMonths, insuredMonths: h.insuredMonths, alreadySubsidized: prior.has(h.idNumberHash), personId: h.idNumberHash })),
    },
    catalog,
  );
  const perHire = new Map<string, bigint>();
  const stored = r.perHire.map((p) => {
    const hire = hires[p.index];
    perHire.set(hire.id, p.amount);
    return { hireId: hire.id, eligible: p.eligible, amountFen: p.amount.toString(), reasons: p.reasons.map(({ code, message }) => ({ code, message })), priorFilings: prior.get(hire.idNumberHash) ?? [] };
  });
  return { amountFen: r.amount, perHire, result: { amountFen: r.amount.toString(), perHire: stored, ruleSet: r.ruleSet, trace: r.trace, jurisdiction: DEPLOYMENT_DISTRICT } };
}
