import Link from 'next/link';
import { AREAS, ROLE_LABELS, hasPermission, type Area } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/server/auth/actor';
import { LogoutButton } from './logout-button';
import { SiteHeader } from './site-header';

export interface NavItem {
  href: string;
  label: string;
}

/** The chrome of every signed-in area: who you are, the areas your role may enter, the area's own menu. */
export function AppShell({ actor, area, nav = [], children }: { actor: Actor; area?: Area; nav?: NavItem[]; children: React.ReactNode }) {
  const areas = (Object.keys(AREAS) as Area[]).filter((a) => hasPermission(actor.role, AREAS[a].permission));
  return (
    <>
      <SiteHeader
        right={
          <div className="flex items-center gap-3">
            <span className="hidden text-sm sm:inline" data-testid="current-user">
              {actor.realName}（{ROLE_LABELS[actor.role]}）
            </span>
            <Link href="/account/password" className="hidden text-sm text-brand-100 hover:text-white sm:inline">修改密码</Link>
            <LogoutButton />
          </div>
        }
      />
      <nav aria-label="功能导航" className="print:hidden border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4">
          {areas.map((a) => (
            <Link key={a} href={AREAS[a].path} className={`whitespace-nowrap border-b-2 px-3 py-3 text-sm ${a === area ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}>
              {AREAS[a].label}
            </Link>
          ))}
          {nav.map((n) => (
            <Link key={n.href} href={n.href} className="whitespace-nowrap border-b-2 border-transparent px-3 py-3 text-sm text-slate-600 hover:text-slate-900">
              {n.label}
            </Link>
          ))}
        </div>
      </nav>
      <main className="mx-auto max-w-6xl px-4 py-6 print:max-w-none print:p-0">
        <p className="mb-4 text-sm text-slate-500 sm:hidden print:hidden" data-testid="current-user-mobile">
          {actor.realName}（{ROLE_LABELS[actor.role]}）
        </p>
        {children}
      </main>
    </>
  );
}
