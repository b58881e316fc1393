/**
 * The review queue's search, order and paging on a few hundred seeded applications: every
 * way of searching finds exactly what a plain scan of the four searched columns finds; the
 * count stops at its cap and the pager still goes on; the trigram index exists on both
 * databases (PGlite loads pg_trgm).
 */
import { beforeAll, expect, it } from 'vitest';
import { findReviewQueue, type ReviewQueueInput } from '@/lib/server/review/find-review-queue';
import { queueSearchSamples, seedApplications } from '../../scripts/bench-queue';
import { ensureReferenceData } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const COUNT = 400;

interface Row { id: string; number: string | null; applicant_name: string; business_name: string | null; id_number_masked: string | null; state: string }

describeDb('the review queue: search, order and paging at scale', (ctx) => {
  let cast: Cast;
  let all: Row[];
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    await seedApplications(ctx.h, COUNT);
    all = await ctx.h.query<Row>(`select id, number, applicant_name, business_name, id_number_masked, state from applications where state <> 'draft'`);
  });

  const everything = async (input: ReviewQueueInput) => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const r = await findReviewQueue(ctx.h.db, cast.auditor, { ...input, page, pageSize: 100 });
      ids.push(...r.rows.map((x) => x.id));
      if (!r.hasNext) return { ids, total: r.total };
    }
  };

  it('finds by a fragment of the name, the number, the masked 身份证号 or the business, as a scan of those columns does', async () => {
    const s = queueSearchSamples(COUNT);
    const someone = all.find((r) => r.applicant_name.length === 3)!;
    for (const q of [someone.applicant_name.slice(1), s.numberFragment, s.maskedIdFragment, s.business, someone.applicant_name.slice(0, 1), 'kzq00000001']) {
      const want = all
        .filter((r) => [r.number ?? '', r.applicant_name, r.business_name ?? '', r.id_number_masked ?? ''].some((c) => c.toLowerCase().includes(q.toLowerCase())))
        .map((r) => r.id)
        .sort();
      const got = await everything({ q });
      expect(want.length, q).toBeGreaterThan(0);
      expect([...got.ids].sort(), q).toEqual(want);
      expect(got.total, q).toBe(want.length);
    }
    // A whole 身份证号 goes through the blind index: exactly that applicant.
    const byId = await everything({ q: s.fullId });
    expect(byId.ids).toHaveLength(1);
    // LIKE's wildcards are searched for literally.
    expect((await everything({ q: '%' })).ids).toEqual([]);
  });

  it('sorts every tab by its key, number breaking ties, across pages', async () => {
    const r = await everything({ tab: 'all', sort: 'amount_desc' });
    expect(r.ids).toHaveLength(all.length);
    const hr = await findReviewQueue(ctx.h.db, cast.hr, { tab: 'todo', pageSize: 100 });
    expect(hr.rows.every((x) => x.state === 'pending_hr')).toBe(true);
    const keys = hr.rows.map((x) => x.stageEnteredAt!.getTime());
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(hr.total).toBe(all.filter((x) => x.state === 'pending_hr').length);
  });

  it('stops counting at the cap and still pages on while rows remain', async () => {
    const capped = await findReviewQueue(ctx.h.db, cast.auditor, { tab: 'all', pageSize: 20 }, { countCap: 50 });
    expect(capped).toMatchObject({ total: 50, totalCapped: true, hasNext: true });
    const deep = await findReviewQueue(ctx.h.db, cast.auditor, { tab: 'all', pageSize: 20, page: 5 }, { countCap: 50 });
    expect(deep.rows).toHaveLength(20);
    const last = await findReviewQueue(ctx.h.db, cast.auditor, { tab: 'all', pageSize: 100, page: Math.ceil(all.length / 100) });
    expect(last).toMatchObject({ total: all.length, totalCapped: false, hasNext: false });
  });

  it('has the trigram index the fragment search is written for', async () => {
    const rows = await ctx.h.query<{ indexdef: string }>(`select indexdef from pg_indexes where indexname = 'applications_search_trgm_idx'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].indexdef).toContain('gin_trgm_ops');
  });
});
