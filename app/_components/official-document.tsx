import Link from 'next/link';
import { PrintButton } from './print-button';

/**
 * An official document (文书) as a print view: A4, the issuing organisation above the title,
 * the 文号, the body, then the 盖章处 box with the issuer and the date. The page size, margins
 * and the page numbers ("第 x 页 共 y 页", CSS @page counters) are in globals.css; everything
 * around the document (header, navigation, this toolbar) is hidden when printed.
 */
export function OfficialDocument({
  issuer, title, number, issuedOn, backHref, children, testId = 'official-document',
}: { issuer: string; title: string; number: string; issuedOn: string; backHref: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href={backHref} className="btn-secondary">返回</Link>
        <PrintButton />
      </div>
      <article className="official-paper" data-testid={testId} aria-label={title}>
        <header className="text-center">
          <p className="text-lg font-semibold tracking-widest text-red-700 print:text-red-700" data-testid="paper-issuer">{issuer}</p>
          <h1 className="mt-3 text-2xl font-bold tracking-[0.3em]">{title}</h1>
          <p className="mt-2 text-sm" data-testid="paper-number">{number}</p>
          <hr className="mt-3 border-t-2 border-red-700" />
        </header>
        <div className="mt-5 space-y-4 text-[15px] leading-7">{children}</div>
        <footer className="mt-10 flex justify-end">
          <div className="w-64 text-center">
            <div className="flex h-36 w-full flex-col items-center justify-center rounded border-2 border-dashed border-slate-400 text-sm text-slate-500" data-testid="seal-box">
              <span>盖章处</span>
              <span className="mt-1 text-xs">（{issuer}）</span>
            </div>
            <p className="mt-3">{issuer}</p>
            <p>{issuedOn}</p>
          </div>
        </footer>
      </article>
    </div>
  );
}

/** A labelled row of a document's facts table. */
export function PaperRow({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <tr>
      <th scope="row" className="w-36 border border-slate-400 bg-slate-50 px-3 py-2 text-left align-top font-medium print:bg-transparent">{label}</th>
      <td className="border border-slate-400 px-3 py-2" data-testid={testId}>{children}</td>
    </tr>
  );
}

export function PaperTable({ children }: { children: React.ReactNode }) {
  return <table className="w-full border-collapse text-sm"><tbody>{children}</tbody></table>;
}
