import type { Metadata } from 'next';
import { ApplicationPaperView } from '@/app/_components/application-paper';
import { loadApplicationPaper } from '@/app/_components/load-application-paper';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: '文书打印' };

/** An official document of an application as a print view (A4; print or save as PDF). */
export default async function PaperPage({ params }: { params: Promise<{ id: string; kind: string }> }) {
  const actor = await requireAreaActor('portal');
  const { id, kind } = await params;
  const view = await loadApplicationPaper(actor, id, kind);
  return <ApplicationPaperView view={view} backHref={`/portal/applications/${id}`} />;
}
