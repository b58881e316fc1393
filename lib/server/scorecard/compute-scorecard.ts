import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { annualTargets, applications, benefitDecisions, loans, subsidyBatches, subsidyLines, towns } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { completionPercent, SCORECARD_METRICS, type ScorecardMetric } from '@/lib/domain/scorecard/metrics';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

const n = (v: unknown) => BigInt((v as string | number | null) ?? 0);

/**
 * The scorecard for one year, computed from the records (never typed in): loans disbursed
 * (amount, people, jobs) by month, 镇街 and applicant category; subsidies actually paid
 * (reconciled lines) by scheme; returning entrepreneurs helped; each against its target.
 */
export async function computeScorecard(db: Db, actor: Actor, year: number) {
  if (!hasPermission(actor.role, 'scorecard:view')) throw new AppError('FORBIDDEN');
  if (!Number.isInteger(year) || year < 2015 || year > 2100) throw new AppError('INVALID_INPUT', { userMessage: '年份有误' });
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const inYear = and(gte(loans.disbursedDate, from), lt(loans.disbursedDate, to));
  const month = sql<number>`extract(month from ${loans.disbursedDate})::int`;

  const [totals, byMonth, byTown, byCategory, paid, returnees, targets] = await Promise.all([
    db
      .select({ amount: sql<string>`coalesce(sum(${loans.disbursedFen}), 0)::text`, people: sql<string>`count(*)::text`, jobs: sql<string>`coalesce(sum(${applications.jobsCreated}), 0)::text` })
      .from(loans)
      .innerJoin(applications, eq(applications.id, loans.applicationId))
      .where(inYear),
    db
      .select({ month, amount: sql<string>`sum(${loans.disbursedFen})::text`, people: sql<string>`count(*)::text` })
      .from(loans)
      .where(inYear)
      .groupBy(month),
    db
      .select({ town: sql<string>`coalesce(${towns.name}, '未填写')`, amount: sql<string>`sum(${loans.disbursedFen})::text`, people: sql<string>`count(*)::text`, jobs: sql<string>`coalesce(sum(${applications.jobsCreated}), 0)::text` })
      .from(loans)
      .innerJoin(applications, eq(applications.id, loans.applicationId))
      .leftJoin(towns, eq(towns.code, applications.townCode))
      .where(inYear)
      .groupBy(towns.name),
    db
      .select({ category: sql<string>`coalesce(${applications.category}, '')`, amount: sql<string>`sum(${loans.disbursedFen})::text`, people: sql<string>`count(*)::text` })
      .from(loans)
      .innerJoin(applications, eq(applications.id, loans.applicationId))
      .where(inYear)
      .groupBy(applications.category),
    db
      .select({ kind: subsidyBatches.kind, amount: sql<string>`sum(${subsidyLines.amountFen})::text`, subjects: sql<string>`count(distinct ${subsidyLines.subjectKey})::text` })
      .from(subsidyLines)
      .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
      .where(and(eq(subsidyLines.status, 'paid'), gte(subsidyLines.settledAt, new Date(`${from}T00:00:00+08:00`)), lt(subsidyLines.settledAt, new Date(`${to}T00:00:00+08:00`))))
      .groupBy(subsidyBatches.kind),
    // Returning entrepreneurs helped: a loan disbursed this year, or a 三免两贴两推荐 item granted this year.
    db.execute(sql`
      select count(distinct a.applicant_id)::text as n from ${applications} a
      where a.is_returnee and (
        exists (select 1 from ${loans} l where l.application_id = a.id and l.disbursed_date >= ${from} and l.disbursed_date < ${to})
        or exists (select 1 from ${benefitDecisions} b where b.application_id = a.id and b.granted and b.decided_at >= ${`${from}T00:00:00+08:00`} and b.decided_at < ${`${to}T00:00:00+08:00`}))`),
    db.select().from(annualTargets).where(eq(annualTargets.year, year)),
  ]);

  const paidOf = (kind: string) => paid.find((p) => p.kind === kind);
  const actual: Record<ScorecardMetric, bigint> = {
    loan_amount: n(totals[0]?.amount),
    loan_people: n(totals[0]?.people),
    jobs_created: n(totals[0]?.jobs),
    interest_subsidy: n(paidOf('interest')?.amount),
    wage_refund_enterprises: n(paidOf('wage_refund')?.subjects),
    wage_refund_amount: n(paidOf('wage_refund')?.amount),
    hiring_subsidy_amount: n(paidOf('hiring')?.amount),
    returnees_helped: n((returnees as unknown as { rows: { n: string }[] }).rows[0]?.n),
  };
  const targetOf = (k: string) => targets.find((t) => t.metric === k)?.target ?? null;
  return {
    year,
    metrics: SCORECARD_METRICS.map((m) => ({
      ...m,
      actual: actual[m.key].toString(),
      target: targetOf(m.key)?.toString() ?? null,
      completion: completionPercent(actual[m.key], targetOf(m.key)),
    })),
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const row = byMonth.find((r) => Number(r.month) === i + 1);
      return { month: i + 1, amount: n(row?.amount).toString(), people: Number(row?.people ?? 0) };
    }),
    byTown: byTown.map((r) => ({ town: r.town, amount: n(r.amount).toString(), people: Number(r.people), jobs: Number(r.jobs) })).sort((a, b) => (BigInt(b.amount) > BigInt(a.amount) ? 1 : -1)),
    byCategory: byCategory.map((r) => ({ category: r.category, amount: n(r.amount).toString(), people: Number(r.people) })),
  };
}

export type Scorecard = Awaited<ReturnType<typeof computeScorecard>>;
