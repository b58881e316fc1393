import type { ApplicationPaperView } from '@/lib/server/paper/get-application-paper';
import { APPLICATION_PAPERS, PAPER_TITLES, type ApplicationPaper } from '@/lib/domain/paper/official-documents';
import Link from 'next/link';
import { OfficialDocument, PaperRow, PaperTable } from './official-document';

/** The body of an application's official document, by kind (see getApplicationPaper). */
export function ApplicationPaperView({ view, backHref }: { view: ApplicationPaperView; backHref: string }) {
  const v = view;
  const who = `${v.applicant.name}${v.applicant.businessName ? `（${v.applicant.businessName}）` : ''}`;
  return (
    <OfficialDocument issuer={v.issuer} title={v.title} number={v.number} issuedOn={v.issuedOn} backHref={backHref} testId={`paper-${v.kind}`}>
      <p><span data-testid="paper-addressee">{who}</span>：</p>
      {v.kind === 'receipt' && v.receipt && (
        <>
          <p className="indent-8">
            您于 {v.receipt.acceptedOn} 提交的{v.loanType}申请，材料齐全、符合法定形式，本机关已予受理。受理编号：
            <strong data-testid="paper-application-number">{v.applicationNumber}</strong>。
          </p>
          <PaperTable>
            <PaperRow label="受理编号">{v.applicationNumber}</PaperRow>
            <PaperRow label="申请人">{v.applicant.name}{v.applicant.idNumberMasked ? `（身份证号 ${v.applicant.idNumberMasked}）` : ''}</PaperRow>
            <PaperRow label="申请事项">{v.loanType}</PaperRow>
            <PaperRow label="申请金额" testId="paper-amount">{v.requestedYuan ? `${v.requestedYuan} 元（大写：${v.requestedCapitals}）` : '—'}</PaperRow>
            <PaperRow label="经办银行">{v.bankName ?? '—'}</PaperRow>
            <PaperRow label="受理日期" testId="paper-accepted-on">{v.receipt.acceptedOn}</PaperRow>
            <PaperRow label="预计办结日期" testId="paper-expected-by">{v.receipt.expectedBy}（自受理之日起 {v.receipt.workingDays} 个工作日内，不含退回补正的时间）</PaperRow>
            <PaperRow label="已收材料" testId="paper-received">
              {v.receipt.received.length === 0 ? '—' : (
                <ol className="list-decimal pl-5">{v.receipt.received.map((d, i) => <li key={i}>{d.label}：{d.name}</li>)}</ol>
              )}
            </PaperRow>
          </PaperTable>
          <div className="flex items-center gap-4">
            {/* A data: URL (img-src allows data:), so the nonce CSP is not touched. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={v.receipt.qrDataUrl} alt="办理进度查询二维码" width={120} height={120} data-testid="paper-qr" />
            <p className="text-sm">扫描二维码或登录平台查询办理进度：<br /><span className="break-all">{v.receipt.statusUrl}</span></p>
          </div>
        </>
      )}
      {(v.kind === 'notice' || v.kind === 'supplement') && v.materials && (
        <>
          <p className="indent-8">
            {v.kind === 'notice'
              ? `您申请办理的${v.loanType}（受理编号 ${v.applicationNumber}），需提交以下材料。现一次性告知如下，请备齐后一并提交：`
              : `您申请办理的${v.loanType}（受理编号 ${v.applicationNumber}），经审查，申请材料需要补正。现将需补正的全部内容一次性告知如下，请补正后重新提交：`}
          </p>
          <table className="w-full border-collapse text-sm" data-testid="paper-materials">
            <thead><tr><th className="w-12 border border-slate-400 px-2 py-1">序号</th><th className="w-40 border border-slate-400 px-2 py-1">材料 / 事项</th><th className="border border-slate-400 px-2 py-1">要求 / 说明</th></tr></thead>
            <tbody>
              {v.materials.map((m, i) => (
                <tr key={i}><td className="border border-slate-400 px-2 py-1 text-center">{i + 1}</td><td className="border border-slate-400 px-2 py-1">{m.label}</td><td className="border border-slate-400 px-2 py-1">{m.note}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm">材料须真实、完整、有效；复印件、照片须清晰可辨。</p>
        </>
      )}
      {v.kind === 'approval' && v.approval && (
        <>
          <p className="indent-8">
            您于平台提交的{v.loanType}申请（受理编号 {v.applicationNumber}），经人力资源社会保障部门资格审核、担保机构审核和经办银行审批，
            于 {v.approval.decidedOn} 审批通过。
          </p>
          <PaperTable>
            <PaperRow label="借款人">{who}</PaperRow>
            <PaperRow label="核准金额" testId="paper-amount">{v.approval.amountYuan ? `${v.approval.amountYuan} 元（大写：${v.approval.amountCapitals}）` : '—'}</PaperRow>
            <PaperRow label="贷款期限">{v.approval.termMonths ? `${v.approval.termMonths} 个月` : '—'}</PaperRow>
            <PaperRow label="经办银行">{v.bankName ?? '—'}</PaperRow>
            <PaperRow label="审批日期">{v.approval.decidedOn}</PaperRow>
          </PaperTable>
          <p className="indent-8">请持本通知书及身份证件原件，到经办银行办理借款合同签订等手续。贷款按规定享受财政贴息，借款人须按合同约定按期还款。</p>
        </>
      )}
      {v.kind === 'refusal' && v.refusal && (
        <>
          <p className="indent-8">
            您于平台提交的{v.loanType}申请（受理编号 {v.applicationNumber}），经{v.refusal.stage}，于 {v.refusal.decidedOn} 决定{v.title.startsWith('不予受理') ? '不予受理' : '不予通过'}。
          </p>
          <PaperTable>
            <PaperRow label="理由" testId="paper-reason">{v.refusal.reason}</PaperRow>
            <PaperRow label="政策依据" testId="paper-basis"><ul className="list-disc pl-5">{v.refusal.basis.map((b) => <li key={b}>{b}</li>)}</ul></PaperRow>
          </PaperTable>
          <p className="indent-8 font-medium" data-testid="paper-appeal">{v.refusal.appealRights}</p>
        </>
      )}
      <p className="text-xs text-slate-500">打印时间：{v.printedAt}（本文书由系统生成，加盖印章后有效）</p>
    </OfficialDocument>
  );
}

/** Links to the documents an application has, for its detail page (applicant or staff). */
export function PaperLinks({ base, kinds }: { base: string; kinds: readonly ApplicationPaper[] }) {
  if (!kinds.length) return null;
  const ordered = APPLICATION_PAPERS.filter((k) => kinds.includes(k));
  return (
    <section className="card print:hidden" aria-label="文书">
      <h2 className="mb-2 font-medium">文书（可打印或另存为 PDF）</h2>
      <ul className="flex flex-wrap gap-2">
        {ordered.map((k) => (
          <li key={k}><Link href={`${base}/${k}`} className="btn-secondary">{PAPER_TITLES[k]}</Link></li>
        ))}
      </ul>
    </section>
  );
}
