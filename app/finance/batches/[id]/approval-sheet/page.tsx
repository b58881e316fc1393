import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OfficialDocument, PaperRow, PaperTable } from '@/app/_components/official-document';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { isAppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { getBatchApprovalSheet } from '@/lib/server/paper/get-batch-approval-sheet';

export const metadata: Metadata = { title: '资金拨付审批表' };

/** The 资金拨付审批表 of a batch as a print view: totals, the amount in 大写, 制表/审核/审批, the audit chain head. */
export default async function ApprovalSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAreaActor('finance');
  const { id } = await params;
  const s = await getBatchApprovalSheet(await getDb(), actor, id).catch((e) => {
    if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  });
  return (
    <OfficialDocument issuer={s.issuer} title={s.title} number={`批次号：${s.number}`} issuedOn={s.signatures[2].on ?? '　　年　　月　　日'} backHref={`/finance/batches/${id}`} testId="paper-approval-sheet">
      <PaperTable>
        <PaperRow label="补贴类型">{s.kind}</PaperRow>
        <PaperRow label="所属期间">{s.period}</PaperRow>
        <PaperRow label="经办银行">{s.bankName ?? '—'}</PaperRow>
        <PaperRow label="批次状态">{s.status}</PaperRow>
        <PaperRow label="明细笔数" testId="sheet-lines">{s.lineCount} 笔</PaperRow>
        <PaperRow label="拨付金额（小写）" testId="sheet-total">¥{s.totalYuan} 元</PaperRow>
        <PaperRow label="拨付金额（大写）" testId="sheet-capitals">人民币{s.totalCapitals}</PaperRow>
        {s.interestSums && <PaperRow label="贷款 / 利息合计">贷款金额 {s.interestSums.loanYuan} 元；应计利息 {s.interestSums.interestYuan} 元；借款人承担利息 {s.interestSums.borrowerYuan} 元</PaperRow>}
        {s.byStatus.length > 0 && <PaperRow label="明细状态">{s.byStatus.map((b) => `${b.label} ${b.count} 笔 ${b.yuan} 元`).join('；')}</PaperRow>}
      </PaperTable>
      <table className="w-full border-collapse text-sm" data-testid="sheet-signatures">
        <thead><tr><th className="border border-slate-400 px-2 py-1">环节</th><th className="border border-slate-400 px-2 py-1">经办人（签字）</th><th className="border border-slate-400 px-2 py-1">日期</th><th className="border border-slate-400 px-2 py-1">意见</th></tr></thead>
        <tbody>
          {s.signatures.map((g) => (
            <tr key={g.role} className="h-14">
              <th scope="row" className="border border-slate-400 px-2 py-1">{g.role}</th>
              <td className="border border-slate-400 px-2 py-1">{g.name ?? ''}</td>
              <td className="border border-slate-400 px-2 py-1">{g.on ?? ''}</td>
              <td className="border border-slate-400 px-2 py-1">{g.name ? (g.role === '制表' ? '已制表' : g.role === '审核' ? '审核通过' : '同意拨付') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="break-all text-xs text-slate-600" data-testid="sheet-chain-head">
        打印时审计链头：{s.chainHead ? `序号 ${s.chainHead.seq}，哈希 ${s.chainHead.hash}，时间 ${s.chainHead.at}` : '（审计日志为空）'}；打印时间 {s.printedAt}
      </p>
    </OfficialDocument>
  );
}
