import { STATE_LABELS, type ApplicationState } from '@/lib/domain/workflow/application-states';

const TONE: Partial<Record<ApplicationState, string>> = {
  draft: 'bg-slate-100 text-slate-700',
  returned: 'bg-amber-100 text-amber-800',
  rejected: 'bg-red-100 text-red-700',
  withdrawn: 'bg-slate-100 text-slate-500',
  approved: 'bg-green-100 text-green-800',
  disbursed: 'bg-green-100 text-green-800',
  repaying: 'bg-green-100 text-green-800',
  settled: 'bg-green-100 text-green-800',
  overdue: 'bg-red-100 text-red-700',
};

export function StateBadge({ state }: { state: ApplicationState }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${TONE[state] ?? 'bg-brand-50 text-brand-700'}`}>{STATE_LABELS[state]}</span>;
}
