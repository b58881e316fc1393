import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { hiringFilingHires, hiringFilings, users, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { findYearlyBatch, insertYearlyBatch, lockYearlyBatch, type YearlyLine } from '@/lib/server/wage-refund/prepare-yearly-batch';
import { HIRE_CATEGORY_LABELS, HIRING_SCHEME_LABELS, ZHiringBatchSchema } from '@/lib/validation/hiring';
import { checkHiringFilings } from './check-hiring-filings';
import { hiringFilingStatesFor, hiringFilingTargetOf } from '@/lib/domain/workflow/money-workflow';
import type { StoredHiringResult } from './hiring-engine';

export interface CreateHiringBatchResult {
  created: boolean;
  batchId: string;
  number: string;
  lineCount: number;
  totalFen: string;
}

/** A hired person is paid once, ever, under either scheme: the subject is the person. */
export const hiringSubjectKey = (idNumberHash: string) => `hiring:${idNumberHash}`;

const dateText = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const summary = (b: SubsidyBatch, created: boolean): CreateHiringBatchResult => ({ created, batchId: b.id, number: b.number, lineCount: b.lineCount, totalFen: b.totalFen.toString() });

/**
 * 生成年度拨付批次 (hiring): one line per hire with a positive approved amount, from every
 * approved filing of the year (subject `hiring:<idNumberHash>`, payee the enterprise and its
 * account, the list's columns and the engine's rule set), one 'prepared' batch, filings →
 * 'batched' — in one transaction. Again for the same year: nothing new, the existing batch.
 */
export async function createHiringBatch(db: Db, actor: Actor, raw: unknown): Promise<CreateHiringBatchResult> {
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) throw new AppError('FORBIDDEN');
  const { policyYear } = parseOrThrow(ZHiringBatchSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      await lockYearlyBatch(tx, 'hiring', policyYear);
      const existing = await findYearlyBatch(tx, 'hiring', policyYear);
      if (existing) return summary(existing, false);
      const filings = await tx
        .select({ f: hiringFilings, decidedByName: users.realName })
        .from(hiringFilings)
        .leftJoin(users, eq(users.id, hiringFilings.decidedBy))
        .where(and(eq(hiringFilings.policyYear, policyYear), inArray(hiringFilings.status, hiringFilingStatesFor('batch')), gt(hiringFilings.amountFen, 0n)))
        .orderBy(asc(hiringFilings.number))
        .for('update', { of: hiringFilings });
      if (filings.length === 0) throw new AppError('INVALID_INPUT', { userMessage: `${policyYear} 年度还没有审核通过且有补贴金额的申报，不能生成拨付批次` });
      const hires = await tx
        .select()
        .from(hiringFilingHires)
        .where(and(inArray(hiringFilingHires.filingId, filings.map((x) => x.f.id)), gt(hiringFilingHires.amountFen, 0n)))
        .orderBy(asc(hiringFilingHires.id));
      const byFiling = new Map(filings.map((x) => [x.f.id, x]));
      // Flags HR and finance see on the batch's lines: a payee name that is not the enterprise's, a filer who is not its contact.
      const checks = await checkHiringFilings(tx, filings.map((x) => x.f));
      const ordered = [...hires].sort((a, b) => byFiling.get(a.filingId)!.f.number.localeCompare(byFiling.get(b.filingId)!.f.number) || a.id.localeCompare(b.id));
      const lines: YearlyLine[] = ordered.map((h) => {
        const { f, decidedByName } = byFiling.get(h.filingId)!;
        const result = f.result as StoredHiringResult;
        return {
          subjectKey: hiringSubjectKey(h.idNumberHash),
          payeeName: f.enterpriseName,
          payeeIdMasked: f.uscc,
          payeeAccountEnc: f.accountNoEnc,
          payeeAccountMasked: f.accountNoMasked,
          payeeBankName: f.accountBank,
          amountFen: h.amountFen!,
          columns: (seq, number) => [
            ['序号', String(seq)],
            ['批次号', number],
            ['政策年度', String(f.policyYear)],
            ['补贴项目', HIRING_SCHEME_LABELS[f.scheme]],
            ['申报编号', f.number],
            ['单位名称', f.enterpriseName],
            ['统一社会信用代码', f.uscc],
            ['人员姓名', h.name],
            ['身份证号(脱敏)', h.idNumberMasked],
            ['人员类别', HIRE_CATEGORY_LABELS[h.category]],
            ['劳动合同期限(月)', String(h.contractMonths)],
            ['连续参保月数', String(h.insuredMonths)],
            ['补贴金额(元)', formatYuan(h.amountFen!)],
            ['开户名', f.accountName],
            ['账号(脱敏)', f.accountNoMasked],
            ['开户行', f.accountBank],
            ['人社审核人', decidedByName ?? ''],
            ['审核时间', dateText(f.updatedAt)],
          ],
          extra: { filingId: f.id, hireId: h.id, flags: checks.get(f.id)?.warnings ?? [], ruleSet: result?.ruleSet ?? null, trace: result?.trace ?? null, engine: result?.perHire.find((p) => p.hireId === h.id) ?? null },
        };
      });
      const batch = await insertYearlyBatch(tx, actor, 'hiring', policyYear, lines, t);
      if (!batch) {
        const again = await findYearlyBatch(tx, 'hiring', policyYear);
        if (!again) throw new AppError('CONFLICT');
        return summary(again, false);
      }
      await tx
        .update(hiringFilings)
        .set({ status: hiringFilingTargetOf('batch'), updatedAt: t })
        .where(and(inArray(hiringFilings.id, filings.map((x) => x.f.id)), inArray(hiringFilings.status, hiringFilingStatesFor('batch'))));
      return summary(batch, true);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '有人员的补贴已在其他待付或已付批次中，不能重复拨付' });
    throw e;
  }
}
