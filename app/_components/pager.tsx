import Link from 'next/link';

/**
 * Previous/next links that keep the other query parameters. A list that stops counting at
 * a cap passes `totalCapped` and `hasNext`: it shows "more than" and pages on while rows remain.
 */
export function Pager({ page, pageSize, total, basePath, params, totalCapped = false, hasNext }: {
  page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined>; totalCapped?: boolean; hasNext?: boolean;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const next = hasNext ?? page < pages;
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter(([, v]) => v) as [string, string][]);
    return `${basePath}?${q}`;
  };
  return (
    <div className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>{totalCapped ? `超过 ${total} 条，第 ${page} 页` : `共 ${total} 条，第 ${page} / ${pages} 页`}</span>
      <span className="flex gap-2">
        {page > 1 && <Link className="btn-secondary" href={href(page - 1)}>上一页</Link>}
        {next && <Link className="btn-secondary" href={href(page + 1)}>下一页</Link>}
      </span>
    </div>
  );
}
