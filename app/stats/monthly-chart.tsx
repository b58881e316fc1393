'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Loans disbursed by month, in 万元 (display only: the figures themselves are exact fen strings). */
export function MonthlyChart({ data }: { data: { month: number; amount: string; people: number }[] }) {
  const rows = data.map((d) => ({ month: `${d.month}月`, amount: Number(BigInt(d.amount) / 100n) / 10_000, people: d.people }));
  return (
    <div className="h-64 w-full" data-testid="monthly-chart" role="img" aria-label="按月发放贷款金额柱状图">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" fontSize={12} />
          <YAxis fontSize={12} unit="万" width={56} />
          <Tooltip formatter={(v) => [`${v} 万元`, '发放金额']} />
          <Bar dataKey="amount" fill="#1d5fbf" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
