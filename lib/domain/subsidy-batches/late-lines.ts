/**
 * 补报 and corrections (pure): for a loan's closed periods before the quarter being claimed, what
 * the engine gives today against what was claimed and paid. A period of an already-claimed
 * quarter with no active line becomes a 补报 (supplement) line; a paid period whose effective
 * amount (the paid line, then each paid correction of it) differs from the engine's becomes a
 * correction line linked to the last line of that chain, amount = after − before. A period
 * whose chain is still on its way (a pending line) is left alone until it is paid — so the
 * same data give nothing new the second time.
 */
import type { IsoDate } from '../dates';
import { formatYuan } from '../money';
import type { SchedulePeriod } from '../rules';
import { claimDetailOf, type ClaimLineDetail, type ClaimLineDraft, type ClaimLoanContext } from './claim-line';
import { interestSubjectKey, quarterOf } from './quarter';

/** An active (pending or paid) line of the loan in another batch. */
export interface ExistingLine {
  id: number;
  subjectKey: string;
  batchNumber: string;
  lineKind: 'payment' | 'supplement' | 'correction';
  correctsLineId: number | null;
  periodStart: IsoDate | null;
  amountFen: bigint;
  afterFen: bigint | null;
  status: 'pending' | 'paid' | 'failed' | 'excluded';
  detail: unknown;
}

export interface LateLineDraft extends ClaimLineDraft {
  lineKind: 'supplement' | 'correction';
  correctsLineId: number | null;
  beforeFen: bigint | null;
  afterFen: bigint | null;
}

export function lateLinesOf(ctx: ClaimLoanContext, periods: SchedulePeriod[], existing: ExistingLine[], claimedQuarters: ReadonlySet<string>): LateLineDraft[] {
  const out: LateLineDraft[] = [];
  for (const p of periods) {
    if (p.status !== 'closed') continue;
    const engine = p.interest.subsidy;
    const base = existing.find((l) => l.lineKind !== 'correction' && l.periodStart === p.periodStart);
    if (!base) {
      const quarter = quarterOf(p.periodEnd);
      if (engine <= 0n || !claimedQuarters.has(quarter)) continue;
      const detail: ClaimLineDetail = { ...claimDetailOf(ctx, p), supplementOf: { quarter } };
      detail.note = [`补报：${quarter} 已申报批次未含此期`, detail.note].filter(Boolean).join('；');
      out.push({ subjectKey: interestSubjectKey(ctx.applicationId, p.periodStart), applicationId: ctx.applicationId, amountFen: engine, payee: p.interest.payee, detail, lineKind: 'supplement', correctsLineId: null, beforeFen: null, afterFen: null });
      continue;
    }
    // The chain: the line, then the correction of it, then the correction of that, …
    const chain = [base];
    for (;;) {
      const next = existing.find((l) => l.correctsLineId === chain[chain.length - 1].id);
      if (!next) break;
      chain.push(next);
    }
    if (chain.some((l) => l.status !== 'paid')) continue;
    const tail = chain[chain.length - 1];
    const before = tail.lineKind === 'correction' ? tail.afterFen! : base.amountFen;
    if (before === engine) continue;
    const delta = engine - before;
    const tailDetail = (tail.detail ?? {}) as Partial<ClaimLineDetail>;
    const detail: ClaimLineDetail = {
      ...claimDetailOf(ctx, p),
      correction: {
        correctsLineId: tail.id,
        correctsSubjectKey: tail.subjectKey,
        correctsBatchNumber: tail.batchNumber,
        beforeFen: before.toString(),
        afterFen: engine.toString(),
        deltaFen: delta.toString(),
        before: { subsidyFen: before.toString(), overdue: tail.lineKind === 'correction' ? (tailDetail.correction?.after.overdue ?? null) : (tailDetail.overdue ?? null), trace: tail.lineKind === 'correction' ? (tailDetail.correction?.after.trace ?? null) : (tailDetail.trace ?? null) },
        after: { subsidyFen: engine.toString(), overdue: p.overdue, exclusions: p.interest.exclusions, trace: p.interest.trace },
        settlement: delta > 0n ? 'top_up' : 'set_off',
      },
    };
    detail.subsidyFen = delta.toString();
    out.push({
      subjectKey: `${base.subjectKey}:corr:${tail.id}`, applicationId: ctx.applicationId, amountFen: delta, payee: p.interest.payee, detail,
      lineKind: 'correction', correctsLineId: tail.id, beforeFen: before, afterFen: engine,
    });
  }
  return out;
}

/**
 * How each negative correction of one loan is settled in the batch: set off against the loan's
 * own positive lines of the batch while they last, else listed for recovery (追回) — the bank
 * recovers it from the borrower. The notes say which, with the amounts.
 */
export function settleCorrections<T extends ClaimLineDraft & { lineKind?: string }>(lines: T[]): T[] {
  let left = lines.filter((l) => l.amountFen > 0n).reduce((s, l) => s + l.amountFen, 0n);
  for (const l of lines) {
    const c = l.detail.correction;
    if (!c || l.amountFen > 0n) continue;
    const owed = -l.amountFen;
    const settlement = owed <= left ? 'set_off' : 'recovery';
    if (settlement === 'set_off') left -= owed;
    c.settlement = settlement;
    const what = `更正：原批次 ${c.correctsBatchNumber} 已付 ${formatYuan(BigInt(c.beforeFen))} 元，按现有数据应为 ${formatYuan(BigInt(c.afterFen))} 元`;
    l.detail.note = [what, settlement === 'set_off' ? `多付 ${formatYuan(owed)} 元在本批次冲抵` : `多付 ${formatYuan(owed)} 元本批次不足冲抵，列入追回`, l.detail.note].filter(Boolean).join('；');
  }
  for (const l of lines) {
    const c = l.detail.correction;
    if (c && l.amountFen > 0n) l.detail.note = [`补差：原批次 ${c.correctsBatchNumber} 已付 ${formatYuan(BigInt(c.beforeFen))} 元，按现有数据应为 ${formatYuan(BigInt(c.afterFen))} 元`, l.detail.note].filter(Boolean).join('；');
  }
  return lines;
}
