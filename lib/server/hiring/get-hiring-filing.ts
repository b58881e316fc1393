import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { hiringFilingHires, hiringFilings, users, type HiringFiling, type HiringFilingHire } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import type { FilerBasis, FilingWarning } from '@/lib/domain/hiring-filing-checks';
import { checkHiringFiling } from './check-hiring-filings';
import { canDecideHiringFiling } from '@/lib/domain/workflow/money-workflow';
import { computeFiling, priorSubsidies, type StoredHiringResult } from './hiring-engine';

export interface HiringFilingView {
  id: string;
  number: string;
  policyYear: number;
  scheme: HiringFiling['scheme'];
  uscc: string;
  enterpriseName: string;
  accountName: string;
  accountNoMasked: string;
  accountBank: string;
  status: HiringFiling['status'];
  version: number;
  decisionReason: string | null;
  decidedByName: string | null;
  filedByName: string;
  /** May this viewer decide it (HR, not the filer, still submitted)? */
  canDecide: boolean;
  createdAt: string;
  updatedAt: string;
  amountFen: string | null;
  /** After approval: as decided. Before: the engine's answer if HR approved now (for HR only). */
  hires: { id: string; name: string; idNumberMasked: string; category: HiringFilingHire['category']; contractMonths: number; insuredMonths: number; eligible: boolean | null; amountFen: string | null; reasons: string[]; priorFilings: string[] }[];
  previewFen: string | null;
  /** Checked against the enterprise register (HR only; empty for the applicant). */
  filerBasis: FilerBasis | null;
  registeredName: string | null;
  warnings: FilingWarning[];
}

/**
 * One filing: HR (subsidy:decide_hiring) sees any, with the engine's preview while it waits;
 * an applicant sees only their own (anything else is NOT_FOUND). 身份证号 masked only.
 */
export async function getHiringFiling(db: Db, actor: Actor, id: string): Promise<HiringFilingView> {
  const isHr = hasPermission(actor.role, 'subsidy:decide_hiring');
  if (!isHr && !hasPermission(actor.role, 'subsidy:file_hiring')) throw new AppError('FORBIDDEN');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  const [row] = await db.select({ f: hiringFilings, filedByName: users.realName }).from(hiringFilings).innerJoin(users, eq(users.id, hiringFilings.filedBy)).where(eq(hiringFilings.id, id));
  if (!row || (!isHr && row.f.filedBy !== actor.userId)) throw new AppError('NOT_FOUND');
  const f = row.f;
  const hires = await db.select().from(hiringFilingHires).where(eq(hiringFilingHires.filingId, f.id)).orderBy(asc(hiringFilingHires.id));
  let result = f.result as StoredHiringResult | null;
  let previewFen: string | null = null;
  if (!result && isHr && canDecideHiringFiling(f.status)) {
    const c = computeFiling(f, hires, await priorSubsidies(db, f.id, hires), await getRuleCatalog(db));
    result = c.result;
    previewFen = c.amountFen.toString();
  }
  const check = isHr ? await checkHiringFiling(db, f) : null;
  const decidedBy = f.decidedBy ? (await db.select({ name: users.realName }).from(users).where(eq(users.id, f.decidedBy)))[0]?.name ?? null : null;
  const byHire = new Map(result?.perHire.map((p) => [p.hireId, p]) ?? []);
  return {
    id: f.id, number: f.number, policyYear: f.policyYear, scheme: f.scheme, uscc: f.uscc, enterpriseName: f.enterpriseName,
    accountName: f.accountName, accountNoMasked: f.accountNoMasked, accountBank: f.accountBank, status: f.status, version: f.version,
    decisionReason: f.decisionReason, decidedByName: decidedBy, filedByName: row.filedByName,
    canDecide: isHr && canDecideHiringFiling(f.status) && f.filedBy !== actor.userId,
    createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(), amountFen: f.amountFen?.toString() ?? null,
    hires: hires.map((h) => {
      const p = byHire.get(h.id);
      // An applicant does not see other filings' numbers.
      return {
        id: h.id, name: h.name, idNumberMasked: h.idNumberMasked, category: h.category, contractMonths: h.contractMonths, insuredMonths: h.insuredMonths,
        eligible: p?.eligible ?? null, amountFen: p?.amountFen ?? null, reasons: p?.reasons.map((r) => r.message) ?? [], priorFilings: isHr ? (p?.priorFilings ?? []) : [],
      };
    }),
    previewFen,
    filerBasis: check?.filerBasis ?? null,
    registeredName: check?.registeredName ?? null,
    warnings: check?.warnings ?? [],
  };
}
