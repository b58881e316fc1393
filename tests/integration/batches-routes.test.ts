import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import type { DbHandle } from '@/db/client';
import { auditLog, subsidyBatches, subsidyLines } from '@/db/schema';
import { env } from '@/lib/env';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { addLinesKeepingTotals } from '../helpers/batch-lines';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, otpFor, tableCounts } from '../helpers/factories';

// The request's cookie jar and database, as Next would provide them; a throw-away file store.
const jar = vi.hoisted(() => {
  const root = `${process.env.TMPDIR ?? '/tmp'}/kz-batch-routes-${process.pid}-${Date.now()}`;
  process.env.UPLOAD_DIR = root;
  return { cookies: new Map<string, string>(), handle: undefined as undefined | DbHandle, root };
});
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name) } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const exportRoute = await import('@/app/api/batches/[id]/export/route');
const progressRoute = await import('@/app/api/batches/[id]/progress/route');
const resultsRoute = await import('@/app/api/batches/[id]/payment-results/route');

const ORIGIN = 'http://localhost:3000';
const ctxOf = (id: string) => ({ params: Promise.resolve({ id }) });
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function resultsRequest(batchId: string, csv: string, headers: Record<string, string> = { origin: ORIGIN }) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('\ufeff' + csv, 'utf8')], { type: 'text/csv' }), '回盘.csv');
  return new Request(`${ORIGIN}/api/batches/${batchId}/payment-results`, { method: 'POST', body: form, headers });
}

describeDb('batch route handlers: session and permission on every request, frozen downloads with safe headers, result upload', (ctx) => {
  const names: Record<string, string> = {};
  let batchId: string;

  async function signIn(who: keyof typeof names | null) {
    jar.cookies.clear();
    if (!who) return;
    const { sessionId } = await authenticateUser(jar.handle!.db, { identifier: names[who], password: 'Test-password-123', otp: await otpFor(jar.handle!.db, names[who]) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid: sessionId }, secret: env().NEXTAUTH_SECRET }));
  }

  beforeAll(async () => {
    jar.handle = ctx.h;
    const db = ctx.h.db;
    await ensureReferenceData(db);
    const mk = async (key: string, role: Parameters<typeof createUser>[1]['role'], orgCode: string) => {
      const u = await createUser(db, { role, orgCode, totp: true });
      names[key] = u.username;
      return actorOf(u);
    };
    const maker = await mk('maker', 'hr_reviewer', 'KZ-EMP');
    const hr = await mk('hr', 'hr_reviewer', 'KZ-EMP');
    const finance = await mk('finance', 'finance_officer', 'KZ-FIN');
    await mk('bank', 'bank_officer', 'BANK-ABC-KZ');
    const t = new Date();
    const [b] = await db.insert(subsidyBatches).values({ number: 'HS2024-R0', kind: 'hiring', period: '2024', round: 0, status: 'prepared', preparedBy: maker.userId, createdAt: t, updatedAt: t }).returning();
    batchId = b.id;
    const columns = (seq: number, amount: string): [string, string][] => [['序号', String(seq)], ['单位名称', '开州区某公司'], ['补贴金额(元)', amount]];
    await addLinesKeepingTotals(db, batchId, [
      { batchId, seq: 1, subjectKey: 'hiring:routes-1', payeeName: '开州区某公司', amountFen: 100000n, detail: { columns: columns(1, '1000.00') } },
      { batchId, seq: 2, subjectKey: 'hiring:routes-2', payeeName: '开州区某公司', amountFen: 150000n, detail: { columns: columns(2, '1500.00') } },
    ]);
    const at = async () => ({ batchId, version: (await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId)))[0].updatedAt.toISOString() });
    await verifyBatch(db, hr, await at());
    await approveBatch(db, finance, await at());
    await exportBatch(db, finance, await at());
  });

  afterAll(async () => {
    const fs = await import('node:fs');
    fs.rmSync(jar.root, { recursive: true, force: true });
  });

  const download = (query: string) => exportRoute.GET(new Request(`${ORIGIN}/api/batches/${batchId}/export?${query}`), ctxOf(batchId));

  it('the export download re-checks the session and finance:export, and serves the recorded bytes with safe headers', async () => {
    await signIn(null);
    expect((await download('format=xlsx')).status).toBe(401);
    for (const who of ['bank', 'hr'] as const) {
      await signIn(who);
      expect((await download('format=xlsx')).status).toBe(403);
    }
    await signIn('finance');
    const [b] = await ctx.h.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
    const res = await download('format=xlsx&variant=masked');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''%E6%8B%A8%E4%BB%98%E6%B8%85%E5%8D%95-HS2024-R0\.xlsx$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('x-checksum-sha256')).toBe(b.exportXlsxSha256);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(sha(bytes)).toBe(b.exportXlsxSha256);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const csv = Buffer.from(await (await download('format=csv')).arrayBuffer());
    expect(sha(csv)).toBe(b.exportCsvSha256);
    expect(csv.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect((await download('format=pdf')).status).toBe(400);
    // The bank-payment variant: every download audited.
    const audited = async () => (await ctx.h.db.select({ seq: auditLog.seq }).from(auditLog).where(and(eq(auditLog.event, 'batch.download_payment'), eq(auditLog.objectId, batchId)))).length;
    expect(await audited()).toBe(0);
    expect((await download('format=csv&variant=payment')).status).toBe(200);
    expect((await download('format=csv&variant=payment')).status).toBe(200);
    expect(await audited()).toBe(2);
  });

  it('the progress route answers only to those who may see the batch', async () => {
    await signIn('finance');
    const ok = await progressRoute.GET(new Request(`${ORIGIN}/api/batches/${batchId}/progress`), ctxOf(batchId));
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ id: batchId, status: 'exported', lineCount: 2, totalFen: '250000' });
    await signIn('bank');
    expect((await progressRoute.GET(new Request(`${ORIGIN}/api/batches/${batchId}/progress`), ctxOf(batchId))).status).toBe(404);
    await signIn(null);
    expect((await progressRoute.GET(new Request(`${ORIGIN}/api/batches/${batchId}/progress`), ctxOf(batchId))).status).toBe(401);
  });

  it('the payment-result upload: same origin and finance:reconcile; a bad file is refused whole (400 with every error), a good one reconciles', async () => {
    const counted = ['subsidy_lines', 'data_imports', 'audit_log'];
    const good = '序号,状态,银行流水号,失败原因\r\n1,成功,BK-1,\r\n2,失败,,户名不符\r\n';
    await signIn('finance');
    let before = await tableCounts(ctx.h.db, counted);
    expect((await resultsRoute.POST(resultsRequest(batchId, good, { origin: 'https://evil.example' }), ctxOf(batchId))).status).toBe(403);
    expect(await tableCounts(ctx.h.db, counted)).toEqual(before);
    await signIn('hr');
    before = await tableCounts(ctx.h.db, counted);
    expect((await resultsRoute.POST(resultsRequest(batchId, good), ctxOf(batchId))).status).toBe(403);
    expect(await tableCounts(ctx.h.db, counted)).toEqual(before);

    await signIn('finance');
    const bad = await resultsRoute.POST(resultsRequest(batchId, '序号,状态,银行流水号,失败原因\r\n1,成功,,\r\n'), ctxOf(batchId));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.errors).toEqual(expect.arrayContaining([{ row: 2, column: '银行流水号', message: expect.any(String) }, { row: 0, column: '序号', message: '缺少序号 2 的支付结果' }]));
    const lines = () => ctx.h.db.select({ seq: subsidyLines.seq, status: subsidyLines.status }).from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).orderBy(subsidyLines.seq);
    expect((await lines()).map((l) => l.status)).toEqual(['pending', 'pending']);

    const ok = await resultsRoute.POST(resultsRequest(batchId, good), ctxOf(batchId));
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ paidCount: 1, failedCount: 1, paidTotal: '1000.00', failedTotal: '1500.00' });
    expect((await lines()).map((l) => l.status)).toEqual(['paid', 'failed']);
  });
});
