import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { wageRefundRecords, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan } from '@/lib/domain/money';
import { wageRefundStatesFor, wageRefundTargetOf } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { SIZE_CLASS_LABELS, ZWageRefundBatchSchema } from '@/lib/validation/wage-refund';
import { findYearlyBatch, insertYearlyBatch, lockYearlyBatch, type YearlyLine } from './prepare-yearly-batch';
import { percentText, storedResult } from './wage-refund-engine';

export interface CreateBatchResult {
  created: boolean;
  batchId: string;
  number: string;
  lineCount: number;
  totalFen: string;
}

export const wageRefundSubjectKey = (uscc: string, year: number) => `wage:${uscc}:${year}`;

const dateText = (d: Date | null) => (d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

const summary = (b: SubsidyBatch, created: boolean): CreateBatchResult => ({ created, batchId: b.id, number: b.number, lineCount: b.lineCount, totalFen: b.totalFen.toString() });

/**
 * 生成年度拨付批次: every confirmed, eligible enterprise of the year becomes one line
 * (subject `wage:<uscc>:<year>`, payee the enterprise, its encrypted and masked account, the
 * engine's amount, the list's columns and the engine's trace) of one 'prepared' batch, and the
 * records become 'batched' — all in one transaction. A record awaiting 待人社复核 is not
 * confirmed, so it stays out until a second HR reviewer accepts its change. Calling it again for the year creates
 * nothing and answers the existing batch.
 */
export async function createWageRefundBatch(db: Db, actor: Actor, raw: unknown): Promise<CreateBatchResult> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const { policyYear } = parseOrThrow(ZWageRefundBatchSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      await lockYearlyBatch(tx, 'wage_refund', policyYear);
      const existing = await findYearlyBatch(tx, 'wage_refund', policyYear);
      if (existing) return summary(existing, false);
      const w = wageRefundRecords;
      const records = await tx
        .select()
        .from(w)
        .where(and(eq(w.policyYear, policyYear), inArray(w.status, [...wageRefundStatesFor('batch')]), eq(w.eligible, true), gt(w.amountFen, 0n)))
        .orderBy(asc(w.uscc))
        .for('update');
      if (records.length === 0) throw new AppError('INVALID_INPUT', { userMessage: `${policyYear} 年度还没有已确认的企业，不能生成拨付批次` });
      const lines: YearlyLine[] = records.map((r) => {
        const res = storedResult(r);
        return {
          subjectKey: wageRefundSubjectKey(r.uscc, r.policyYear),
          payeeName: r.enterpriseName,
          payeeIdMasked: r.uscc,
          payeeAccountEnc: r.accountNoEnc,
          payeeAccountMasked: r.accountNoMasked,
          payeeBankName: r.accountBank,
          amountFen: r.amountFen,
          columns: (seq, number) => [
            ['序号', String(seq)],
            ['批次号', number],
            ['政策年度', String(r.policyYear)],
            ['单位名称', r.enterpriseName],
            ['统一社会信用代码', r.uscc],
            ['企业规模', SIZE_CLASS_LABELS[r.sizeClass]],
            ['月均参保人数', String(r.avgInsured)],
            ['裁员人数', String(r.layoffs)],
            ['裁员率', `${res.layoffRatePercent}%`],
            ['裁员率上限', percentText(res.layoffLimitPercent)],
            ['连续参保月数', String(r.monthsInsured)],
            ['实缴失业保险费(元)', formatYuan(r.premiumsPaidFen)],
            ['返还比例', percentText(res.ratioPercent)],
            ['返还金额(元)', formatYuan(r.amountFen)],
            ['开户名', r.accountName ?? ''],
            ['账号(脱敏)', r.accountNoMasked ?? ''],
            ['开户行', r.accountBank ?? ''],
            ['企业确认时间', dateText(r.confirmedAt)],
            ['规则版本', `${res.ruleSet.id} v${res.ruleSet.version}`],
          ],
          extra: { recordId: r.id, uscc: r.uscc, ruleSet: res.ruleSet, trace: res.trace },
        };
      });
      if (lines.some((l) => !l.payeeAccountEnc)) throw new AppError('CONFLICT', { userMessage: '有已确认的企业缺少收款账户，请联系企业重新确认' });
      const batch = await insertYearlyBatch(tx, actor, 'wage_refund', policyYear, lines, t);
      if (!batch) {
        const again = await findYearlyBatch(tx, 'wage_refund', policyYear);
        if (!again) throw new AppError('CONFLICT');
        return summary(again, false);
      }
      // The records are locked above (FOR UPDATE): their status is still the one read.
      await tx.update(w).set({ status: wageRefundTargetOf('batch'), version: sql`${w.version} + 1`, updatedAt: t }).where(inArray(w.id, records.map((r) => r.id)));
      return summary(batch, true);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '有企业的稳岗返还已在其他待付或已付批次中，不能重复拨付' });
    throw e;
  }
}
