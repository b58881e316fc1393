import { AppShell, type NavItem } from '@/app/_components/app-shell';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('audit');
  const nav: NavItem[] = [
    { href: '/audit', label: '审计日志' },
    { href: '/audit/reveals', label: '个人信息查看记录' },
    { href: '/audit/applications', label: '申请与贷款' },
    { href: '/audit/batches', label: '补贴批次' },
  ];
  return <AppShell actor={actor} area="audit" nav={nav}>{children}</AppShell>;
}
