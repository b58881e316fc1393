import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { decideAdminRequest } from '@/lib/server/admin-requests/decide-admin-request';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { createFileStore } from '@/lib/server/storage/file-store';
import { describeDb } from '../helpers/test-db';
import { issuedToken } from '../helpers/admin-requests';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ handle: undefined as undefined | DbHandle }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { GET: listLoans } = await import('@/app/api/v1/loans/route');
const { POST: uploadRepayments } = await import('@/app/api/v1/repayments/route');
const { GET: openapi } = await import('@/app/api/v1/openapi.json/route');
const claimsRoute = await import('@/app/api/v1/claims/route');
const { GET: getClaim } = await import('@/app/api/v1/claims/[id]/route');
const { GET: claimLines } = await import('@/app/api/v1/claims/[id]/lines/route');
const { POST: uploadResults } = await import('@/app/api/v1/claims/[id]/payment-results/route');

/** A route with a dynamic segment, called the way Next.js calls it. */
const withId = (handler: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response>, id: string) => (r: Request) => handler(r, { params: Promise.resolve({ id }) });

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
    const a = await issuedToken(ctx.h.db, cast.security, cast.security2, 'BANK-ABC-KZ');
    abc = a.token;
    abcTokenId = a.id;
    other = (await issuedToken(ctx.h.db, cast.security, cast.security2, 'BANK-CQRCB-KZ')).token;
  });
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-bank-api-'));
  afterAll(() => fs.rmSync(storeDir, { recursive: true, force: true }));

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

  it("claims: a bank asks for its quarter's claim, polls it, reads its lines, and reports the payment results of its exported batch; another bank sees none of it", async () => {
    const db = ctx.h.db;
    const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    // Bad requests: clear errors, nothing written.
    const before = await tableCounts(db, ['subsidy_batches', 'subsidy_lines', 'audit_log']);
    const notJson = await call(claimsRoute.POST, abc, { method: 'POST', body: 'period=2026Q1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, '/api/v1/claims');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toContain('application/json');
    const broken = await call(claimsRoute.POST, abc, { method: 'POST', body: '{"period":', headers: { 'content-type': 'application/json' } }, '/api/v1/claims');
    expect((await broken.json()).error).toMatchObject({ code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' });
    const badPeriod = await call(claimsRoute.POST, abc, json({ period: '2026Q5' }), '/api/v1/claims');
    expect(badPeriod.status).toBe(400);
    expect((await badPeriod.json()).error.fieldErrors.period).toBeTruthy();
    const extra = await call(claimsRoute.POST, abc, json({ period: '2026Q1', bankOrgId: 1 }), '/api/v1/claims');
    expect(extra.status).toBe(400);
    expect((await call(claimsRoute.POST, null, json({ period: '2026Q1' }), '/api/v1/claims')).status).toBe(401);
    expect(await tableCounts(db, ['subsidy_batches', 'subsidy_lines', 'audit_log'])).toEqual(before);

    // The claim: asked twice, one batch; built in the background and polled until ready.
    const first = await (await call(claimsRoute.POST, abc, json({ period: '2026Q1' }), '/api/v1/claims')).json();
    expect(first.data).toMatchObject({ period: '2026Q1', created: true });
    const again = await (await call(claimsRoute.POST, abc, json({ period: '2026Q1' }), '/api/v1/claims')).json();
    expect(again.data).toMatchObject({ id: first.data.id, created: false });
    const id: string = first.data.id;
    let claim: { status: string; lineCount: number; totalFen: string } = { status: 'building', lineCount: 0, totalFen: '0' };
    for (let i = 0; i < 200 && claim.status === 'building'; i++) {
      claim = (await (await call(withId(getClaim, id), abc, {}, `/api/v1/claims/${id}`)).json()).data;
      if (claim.status === 'building') await new Promise((r) => setTimeout(r, 50));
    }
    expect(claim.status).toBe('prepared');
    expect(claim.lineCount).toBeGreaterThanOrEqual(1);
    expect(claim.totalFen).toMatch(/^[1-9]\d*$/);

    const lines = (await (await call(withId(claimLines, id), abc, {}, `/api/v1/claims/${id}/lines`)).json()).data;
    expect(lines.total).toBe(claim.lineCount);
    const mine = lines.rows.find((l: { detail: { drawdownNo: string } }) => l.detail.drawdownNo === drawdown);
    expect(mine).toBeTruthy();
    expect(mine.amountFen).toMatch(/^\d+$/);
    expect(lines.rows.map((l: { amountFen: string }) => BigInt(l.amountFen)).reduce((a: bigint, b: bigint) => a + b, 0n).toString()).toBe(claim.totalFen);
    expect((await call(withId(claimLines, id), abc, {}, `/api/v1/claims/${id}/lines?status=nonsense`)).status).toBe(400);

    // Another bank: the claim does not exist for it, in any route.
    expect((await call(withId(getClaim, id), other, {}, `/api/v1/claims/${id}`)).status).toBe(404);
    expect((await call(withId(claimLines, id), other, {}, `/api/v1/claims/${id}/lines`)).status).toBe(404);
    const theirList = (await (await call(claimsRoute.GET, other, {}, '/api/v1/claims')).json()).data;
    expect(theirList.rows.map((b: { id: string }) => b.id)).not.toContain(id);
    const myList = (await (await call(claimsRoute.GET, abc, {}, '/api/v1/claims')).json()).data;
    expect(myList.rows.map((b: { id: string }) => b.id)).toContain(id);
    expect(myList.rows[0]).not.toHaveProperty('preparedBy');

    // Results before export are refused; HR verifies, finance approves and exports.
    const resultsCsv = (rows: string[]) => ({ method: 'POST', body: ['序号,状态,银行流水号,失败原因', ...rows].join('\r\n'), headers: { 'content-type': 'text/csv' } });
    const allPaid = resultsCsv(lines.rows.map((l: { seq: number }) => `${l.seq},成功,API-${l.seq},`));
    expect((await call(withId(uploadResults, id), abc, allPaid, `/api/v1/claims/${id}/payment-results`)).status).toBe(409);
    const version = async () => (await ctx.h.query<{ v: Date }>(`select updated_at as v from subsidy_batches where id = $1`, [id]))[0].v;
    const v = async () => ({ batchId: id, version: new Date(await version()).toISOString() });
    await verifyBatch(db, cast.hr, await v());
    await approveBatch(db, cast.finance, await v());
    await exportBatch(db, cast.finance, await v(), { store: createFileStore(storeDir) });

    // The other bank cannot report on it; a malformed file is refused whole; nothing changes.
    const frozen = { counts: await tableCounts(db, ['subsidy_lines', 'audit_log']), lines: await ctx.h.query(`select id, status, bank_txn_ref from subsidy_lines where batch_id = $1 order by seq`, [id]) };
    expect((await call(withId(uploadResults, id), other, allPaid, `/api/v1/claims/${id}/payment-results`)).status).toBe(404);
    const bad = await call(withId(uploadResults, id), abc, resultsCsv(['1,未知,,', '999,成功,X,']), `/api/v1/claims/${id}/payment-results`);
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.error.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, column: '状态' }), expect.objectContaining({ row: 3, column: '序号' })]));
    const wrongType = await call(withId(uploadResults, id), abc, { ...allPaid, headers: { 'content-type': 'application/json' } }, `/api/v1/claims/${id}/payment-results`);
    expect(wrongType.status).toBe(400);
    expect(await ctx.h.query(`select id, status, bank_txn_ref from subsidy_lines where batch_id = $1 order by seq`, [id])).toEqual(frozen.lines);
    expect((await tableCounts(db, ['subsidy_lines'])).subsidy_lines).toBe(frozen.counts.subsidy_lines);

    // The good file: every line paid, the batch reconciled, the same file again refused.
    const ok = await call(withId(uploadResults, id), abc, allPaid, `/api/v1/claims/${id}/payment-results`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ paidCount: claim.lineCount, failedCount: 0 });
    const after = (await (await call(withId(getClaim, id), abc, {}, `/api/v1/claims/${id}`)).json()).data;
    expect(after).toMatchObject({ status: 'reconciled', byStatus: { paid: { count: claim.lineCount, totalFen: claim.totalFen } } });
    const audit = await ctx.h.query<{ actor_id: string }>(`select actor_id from audit_log where event = 'batch.payment_results' and object_id = $1`, [id]);
    expect(audit).toHaveLength(1);
    expect((await call(withId(uploadResults, id), abc, allPaid, `/api/v1/claims/${id}/payment-results`)).status).toBe(409);
  });

  it('a revoked token is refused at once; only security administrators issue or revoke, and only two together', async () => {
    const before = await tableCounts(ctx.h.db, ['api_tokens', 'admin_requests', 'audit_log']);
    for (const who of [cast.bank, cast.admin]) {
      await expect(proposeAdminRequest(ctx.h.db, who, { kind: 'issue_api_token', bankCode: 'BANK-ABC-KZ', name: '再签一个', reason: '测试' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(proposeAdminRequest(ctx.h.db, who, { kind: 'revoke_api_token', tokenId: abcTokenId, reason: '测试' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await tableCounts(ctx.h.db, ['api_tokens', 'admin_requests', 'audit_log'])).toEqual(before);
    expect((await call(listLoans, abc)).status).toBe(200);
    const { requestId } = await proposeAdminRequest(ctx.h.db, cast.security, { kind: 'revoke_api_token', tokenId: abcTokenId, reason: '银行来函停用' });
    // Asked for, not yet approved: the token still works, and its maker cannot approve alone.
    await expect(decideAdminRequest(ctx.h.db, cast.security, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(listLoans, abc)).status).toBe(200);
    await decideAdminRequest(ctx.h.db, cast.security2, { requestId, action: 'approve' });
    expect((await call(listLoans, abc)).status).toBe(401);
  });

  it('publishes an OpenAPI document', async () => {
    const doc = await openapi().json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/loans', '/repayments', '/claims', '/claims/{id}', '/claims/{id}/lines', '/claims/{id}/payment-results']));
  });
});
