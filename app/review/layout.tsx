import { AppShell, type NavItem } from '@/app/_components/app-shell';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('review');
  const nav: NavItem[] = [];
  if (hasPermission(actor.role, 'review:bank')) nav.push({ href: '/review/claims', label: '贴息申报' });
  else if (hasPermission(actor.role, 'review:hr')) nav.push({ href: '/review/claims', label: '补贴批次审核' });
  if (hasPermission(actor.role, 'identity:transfer_id_number')) nav.push({ href: '/review/identity', label: '身份证号归还' });
  return <AppShell actor={actor} area="review" nav={nav}>{children}</AppShell>;
}
