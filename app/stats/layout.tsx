import { AppShell } from '@/app/_components/app-shell';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const dynamic = 'force-dynamic';

export default async function Layout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('stats');
  return <AppShell actor={actor} area="stats">{children}</AppShell>;
}
