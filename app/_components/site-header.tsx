import Link from 'next/link';

export function SiteHeader({ right }: { right?: React.ReactNode }) {
  return (
    <header className="bg-brand-800 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="min-w-0">
          <span className="block truncate text-base font-semibold sm:text-lg">开州区创业担保贷款与就业补贴服务平台</span>
          <span className="hidden text-xs text-brand-100 sm:block">重庆市开州区人力资源和社会保障局</span>
        </Link>
        <div className="shrink-0">{right}</div>
      </div>
    </header>
  );
}
