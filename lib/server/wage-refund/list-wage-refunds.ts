import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskMobile } from '@/lib/domain/mask';
import { WAGE_REFUND_STATUSES, wageRefundStatesFor } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { WAGE_REFUND_MAX_CODE_ATTEMPTS, WAGE_REFUND_PAGE_SIZE, ZWageRefundListSchema } from '@/lib/validation/wage-refund';
import { storedResult } from './wage-refund-engine';

export interface WageRefundRow {
  id: string;
  uscc: string;
  enterpriseName: string;
  sizeClass: WageRefundRecord['sizeClass'];
  avgInsured: number;
  layoffs: number;
  layoffRatePercent: string;
  premiumsPaidFen: string;
  monthsInsured: number;
  ratioPercent: string;
  eligible: boolean;
  amountFen: string;
  /** Why not eligible, in Chinese. */
  reasons: string[];
  status: WageRefundRecord['status'];
  contactMobileMasked: string | null;
  accountName: string | null;
  accountNoMasked: string | null;
  accountBank: string | null;
  codeExpiresAt: string | null;
  locked: boolean;
  /** A (new) code may be sent to it (the transition table's 'renotify'). */
  renotifiable: boolean;
  confirmedAt: string | null;
}

export interface WageRefundList {
  policyYear: number;
  rows: WageRefundRow[];
  total: number;
  page: number;
  pageSize: number;
  summary: { records: number; eligible: number; eligibleFen: string; byStatus: Record<WageRefundRecord['status'], number>; notifiable: number; confirmedFen: string };
  /** Years with records, newest first. */
  years: number[];
}

/** The year's 稳岗返还 list: search by name or USCC, filter by eligibility and status, paged; with the year's totals. */
export async function listWageRefunds(db: Db, actor: Actor, raw: unknown): Promise<WageRefundList> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZWageRefundListSchema, raw);
  const w = wageRefundRecords;
  const filters: SQL[] = [eq(w.policyYear, input.policyYear)];
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(w.enterpriseName, like), ilike(w.uscc, like))!);
  }
  if (input.eligible) filters.push(eq(w.eligible, input.eligible === 'yes'));
  if (input.status) filters.push(eq(w.status, input.status));
  const where = and(...filters);

  const [[{ total }], rows, stats, years] = await Promise.all([
    db.select({ total: count() }).from(w).where(where),
    db
      .select()
      .from(w)
      .where(where)
      .orderBy(desc(w.eligible), desc(w.amountFen), asc(w.uscc))
      .limit(WAGE_REFUND_PAGE_SIZE)
      .offset((input.page - 1) * WAGE_REFUND_PAGE_SIZE),
    db
      .select({
        status: w.status,
        n: count(),
        eligible: sql<number>`count(*) filter (where ${w.eligible})::int`,
        eligibleFen: sql<string>`coalesce(sum(${w.amountFen}) filter (where ${w.eligible}), 0)::text`,
        notifiable: sql<number>`count(*) filter (where ${w.eligible} and ${w.amountFen} > 0 and ${w.contactMobile} is not null)::int`,
      })
      .from(w)
      .where(eq(w.policyYear, input.policyYear))
      .groupBy(w.status),
    db.selectDistinct({ year: w.policyYear }).from(w).orderBy(desc(w.policyYear)),
  ]);

  const byStatus = Object.fromEntries(WAGE_REFUND_STATUSES.map((x) => [x, 0])) as Record<WageRefundRecord['status'], number>;
  let eligibleFen = 0n;
  let confirmedFen = 0n;
  for (const s of stats) {
    byStatus[s.status] = Number(s.n);
    eligibleFen += BigInt(s.eligibleFen);
    if (s.status === 'confirmed' || s.status === 'batched') confirmedFen += BigInt(s.eligibleFen);
  }
  return {
    policyYear: input.policyYear,
    total: Number(total),
    page: input.page,
    pageSize: WAGE_REFUND_PAGE_SIZE,
    rows: rows.map((r) => {
      const res = storedResult(r);
      return {
        id: r.id,
        uscc: r.uscc,
        enterpriseName: r.enterpriseName,
        sizeClass: r.sizeClass,
        avgInsured: r.avgInsured,
        layoffs: r.layoffs,
        layoffRatePercent: res.layoffRatePercent,
        premiumsPaidFen: r.premiumsPaidFen.toString(),
        monthsInsured: r.monthsInsured,
        ratioPercent: res.ratioPercent,
        eligible: r.eligible,
        amountFen: r.amountFen.toString(),
        reasons: res.reasons.map((x) => x.message),
        status: r.status,
        contactMobileMasked: r.contactMobile ? maskMobile(r.contactMobile) : null,
        accountName: r.accountName,
        accountNoMasked: r.accountNoMasked,
        accountBank: r.accountBank,
        codeExpiresAt: r.status === 'notified' ? (r.confirmCodeExpiresAt?.toISOString() ?? null) : null,
        locked: r.status === 'notified' && r.confirmAttempts >= WAGE_REFUND_MAX_CODE_ATTEMPTS,
        renotifiable: wageRefundStatesFor('renotify').includes(r.status),
        confirmedAt: r.confirmedAt?.toISOString() ?? null,
      };
    }),
    summary: {
      records: Object.values(byStatus).reduce((a, b) => a + b, 0),
      eligible: stats.reduce((a, s) => a + Number(s.eligible), 0),
      eligibleFen: eligibleFen.toString(),
      byStatus,
      notifiable: stats.filter((s) => s.status === 'computed').reduce((a, s) => a + Number(s.notifiable), 0),
      confirmedFen: confirmedFen.toString(),
    },
    years: years.map((y) => y.year),
  };
}
