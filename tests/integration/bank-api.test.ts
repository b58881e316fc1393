import { beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { issueApiToken } from '@/lib/server/api-tokens/issue-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ handle: undefined as undefined | DbHandle }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { GET: listLoans } = await import('@/app/api/v1/loans/route');
const { POST: uploadRepayments } = await import('@/app/api/v1/repayments/route');
const { GET: openapi } = await import('@/app/api/v1/openapi.json/route');

const call = (handler: (r: Request) => Promise<Response>, token: string | null, init: RequestInit = {}, path = '/api/v1/loans') =>
  handler(new Request(`http://localhost${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } }));
const csv = (rows: string[]) => ({ method: 'POST', body: `\uFEFF借据号,还款日期,还款本金,还款利息,银行流水号\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv' } });

describeDb('partner-bank API (/api/v1)', (ctx) => {
  let cast: Cast;
  let abc: string;
  let other: string;
  let abcTokenId: string;
  let drawdown: string;
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    const { id } = await applicationAt(ctx.h.db, cast, 'disbursed');
    drawdown = `JJ-${id.slice(0, 8)}`;
    const a = await issueApiToken(ctx.h.db, cast.admin, { bankCode: 'BANK-ABC-KZ', name: '核心系统对接' });
    abc = a.token;
    abcTokenId = a.id;
    other = (await issueApiToken(ctx.h.db, cast.admin, { bankCode: 'BANK-CQRCB-KZ', name: '核心系统对接' })).token;
  });

  it('stores only the hash of a token, and answers 401 without a valid one', async () => {
    const stored = await ctx.h.query<{ token_hash: string }>(`select token_hash from api_tokens`);
    expect(stored.every((r) => r.token_hash !== abc && /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect((await call(listLoans, null)).status).toBe(401);
    expect((await call(listLoans, 'kzb_notarealtokennotarealtoken')).status).toBe(401);
  });

  it("a bank's token sees its own loans only", async () => {
    const mine = await (await call(listLoans, abc)).json();
    expect(mine.data.map((l: { drawdownNo: string }) => l.drawdownNo)).toContain(drawdown);
    const theirs = await (await call(listLoans, other)).json();
    expect(theirs.data.map((l: { drawdownNo: string }) => l.drawdownNo)).not.toContain(drawdown);
  });

  it("another bank cannot post repayments to this bank's loan; malformed uploads get clear errors; nothing changes", async () => {
    const before = await tableCounts(ctx.h.db, ['repayments', 'application_events']);
    const cross = await call(uploadRepayments, other, csv([`${drawdown},2026-02-20,1000.00,0,TX-1`]), '/api/v1/repayments');
    expect(cross.status).toBe(400);
    expect((await cross.json()).error.errors[0]).toMatchObject({ row: 2, column: '借据号' });
    const wrongType = await call(uploadRepayments, abc, { method: 'POST', body: '{"rows":[]}', headers: { 'content-type': 'application/json' } }, '/api/v1/repayments');
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.message).toContain('Content-Type');
    const badRow = await call(uploadRepayments, abc, csv([`${drawdown},2026-13-40,abc,0,TX-2`]), '/api/v1/repayments');
    expect(badRow.status).toBe(400);
    expect((await badRow.json()).error.errors.map((e: { column: string }) => e.column)).toEqual(expect.arrayContaining(['还款日期', '还款本金']));
    expect(await tableCounts(ctx.h.db, ['repayments', 'application_events'])).toEqual(before);

    const ok = await call(uploadRepayments, abc, csv([`${drawdown},2026-02-20,1000.00,120.50,TX-OK-1`]), '/api/v1/repayments');
    expect(ok.status).toBe(200);
    const rows = await ctx.h.query<{ principal_fen: string; source: string }>(`select principal_fen::text, source from repayments where bank_ref = 'TX-OK-1'`);
    expect(rows).toEqual([{ principal_fen: '100000', source: 'import' }]);
  });

  it('a revoked token is refused at once; only the administrator issues or revokes', async () => {
    await expect(issueApiToken(ctx.h.db, cast.bank, { bankCode: 'BANK-ABC-KZ', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revokeApiToken(ctx.h.db, cast.bank, { tokenId: abcTokenId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(listLoans, abc)).status).toBe(200);
    await revokeApiToken(ctx.h.db, cast.admin, { tokenId: abcTokenId });
    expect((await call(listLoans, abc)).status).toBe(401);
  });

  it('publishes an OpenAPI document', async () => {
    const doc = await openapi().json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/loans', '/repayments']));
  });
});
