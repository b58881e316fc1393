import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations } from '@/db/schema';
import { amountInChineseCapitals } from '@/lib/domain/paper/chinese-capitals';
import { chineseDate } from '@/lib/domain/paper/official-documents';
import { formatYuan } from '@/lib/domain/money';
import { BATCH_KIND_LABELS, BATCH_STATUS_LABELS } from '@/lib/domain/subsidy-batches/labels';
import { readChainState } from '@/lib/server/audit/chain-state';
import type { Actor } from '@/lib/server/auth/actor';
import { getBatch } from '@/lib/server/batches/get-batch';
import { now, todayInChina } from '@/lib/server/clock';

export interface BatchApprovalSheet {
  batchId: string;
  number: string;
  title: string;
  issuer: string;
  kind: string;
  period: string;
  status: string;
  bankName: string | null;
  lineCount: number;
  totalYuan: string;
  totalCapitals: string;
  /** Lines by status (pending, paid, failed, excluded) with their sums. */
  byStatus: { label: string; count: number; yuan: string }[];
  interestSums: { loanYuan: string; interestYuan: string; borrowerYuan: string } | null;
  /** 制表 (prepared), 审核 (verified), 审批 (approved): who and on which day, or blank for a hand signature. */
  signatures: { role: '制表' | '审核' | '审批'; name: string | null; on: string | null }[];
  /** The audit chain's head at the moment of printing: the paper witnesses the log. */
  chainHead: { seq: number; hash: string; at: string } | null;
  printedAt: string;
}

/**
 * The 资金拨付审批表 of one batch: the control totals, the amount in 大写, the people and dates of
 * 制表 / 审核 / 审批 and the audit chain head at the time of printing. Scoped like every batch read
 * (a bank only its own batches; HR, finance and the auditor every batch).
 */
export async function getBatchApprovalSheet(db: Db, actor: Actor, batchId: string): Promise<BatchApprovalSheet> {
  const view = await getBatch(db, actor, batchId);
  const b = view.batch;
  const [[finance], { head }] = await Promise.all([
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.kind, 'finance_bureau')).orderBy(asc(organisations.id)).limit(1),
    readChainState(db),
  ]);
  const day = (d: Date | null) => (d ? chineseDate(todayInChina(d)) : null);
  const t = now();
  return {
    batchId: b.id,
    number: b.number,
    title: `${BATCH_KIND_LABELS[b.kind]}资金拨付审批表`,
    issuer: finance?.name ?? '财政部门',
    kind: BATCH_KIND_LABELS[b.kind],
    period: `${b.period}${b.round ? `（第 ${b.round} 次重新拨付）` : ''}`,
    status: BATCH_STATUS_LABELS[b.status],
    bankName: view.bankName,
    lineCount: b.lineCount,
    totalYuan: formatYuan(b.totalFen),
    totalCapitals: amountInChineseCapitals(b.totalFen),
    byStatus: (['pending', 'paid', 'failed', 'excluded'] as const)
      .filter((s) => view.byStatus[s].count > 0)
      .map((s) => ({ label: { pending: '待支付', paid: '已支付', failed: '支付失败', excluded: '已剔除' }[s], count: view.byStatus[s].count, yuan: formatYuan(view.byStatus[s].totalFen) })),
    interestSums: b.kind === 'interest' ? { loanYuan: formatYuan(view.sums.loanAmountFen), interestYuan: formatYuan(view.sums.totalInterestFen), borrowerYuan: formatYuan(view.sums.borrowerInterestFen) } : null,
    signatures: [
      { role: '制表', name: view.names.preparedBy ?? '系统生成', on: day(b.createdAt) },
      { role: '审核', name: view.names.verifiedBy, on: day(b.verifiedAt) },
      { role: '审批', name: view.names.approvedBy, on: day(b.approvedAt) },
    ],
    chainHead: head ? { seq: head.seq, hash: head.hash, at: chinaDateTime(head.at) } : null,
    printedAt: chinaDateTime(t),
  };
}

const chinaDateTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
