import Link from 'next/link';

/** Previous/next links that keep the other query parameters. */
export function Pager({ page, pageSize, total, basePath, params }: { page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter(([, v]) => v) as [string, string][]);
    return `${basePath}?${q}`;
  };
  return (
    <div className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>共 {total} 条，第 {page} / {pages} 页</span>
      <span className="flex gap-2">
        {page > 1 && <Link className="btn-secondary" href={href(page - 1)}>上一页</Link>}
        {page < pages && <Link className="btn-secondary" href={href(page + 1)}>下一页</Link>}
      </span>
    </div>
  );
}
