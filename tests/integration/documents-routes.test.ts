import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { applications, organisations } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DOCUMENT_MAX_BYTES } from '@/lib/domain/file-sniff';
import { env } from '@/lib/env';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { describeDb } from '../helpers/test-db';
import { createUser, ensureReferenceData, otpFor, tableCounts } from '../helpers/factories';

// The request's cookie jar and database, as Next would provide them; a throw-away upload root.
const jar = vi.hoisted(() => {
  const root = `${process.env.TMPDIR ?? '/tmp'}/kz-doc-routes-${process.pid}-${Date.now()}`;
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

const listRoute = await import('@/app/api/applications/[id]/documents/route');
const docRoute = await import('@/app/api/documents/[id]/route');

const ORIGIN = 'http://localhost:3000';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const ctxOf = (id: string) => ({ params: Promise.resolve({ id }) });

/** Files in the deployment's store (the database by default) and on the disk under UPLOAD_DIR (which must stay empty). */
async function filesStored(h: DbHandle): Promise<number> {
  const [r] = await h.query<{ n: number }>('select count(*)::int as n from stored_files');
  return Number(r.n);
}
function filesUnder(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

function uploadRequest(appId: string, opts: { kind?: string; content?: Buffer; fileName?: string; type?: string; headers?: Record<string, string> } = {}) {
  const form = new FormData();
  form.append('kind', opts.kind ?? 'id_card');
  form.append('file', new Blob([new Uint8Array(opts.content ?? PNG)], { type: opts.type ?? 'image/png' }), opts.fileName ?? '身份证.png');
  return new Request(`${ORIGIN}/api/applications/${appId}/documents`, { method: 'POST', body: form, headers: { origin: ORIGIN, ...opts.headers } });
}

describeDb('document route handlers: session, same origin, streamed upload, safe download headers', (ctx) => {
  let appId: string;
  let bankAppId: string;
  let suffix: string;

  async function signIn(username: string) {
    const { sessionId } = await authenticateUser(jar.handle!.db, { identifier: username, password: 'Test-password-123', otp: await otpFor(jar.handle!.db, username) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid: sessionId }, secret: env().NEXTAUTH_SECRET }));
  }
  const snapshot = async () => {
    const n = await tableCounts(ctx.h.db, ['documents', 'audit_log']);
    expect(filesUnder(jar.root)).toBe(0);
    return { documents: n.documents, audit_log: n.audit_log, files: await filesStored(ctx.h) };
  };
  /** Rows and files of documents, and document audit events (signing in writes audit rows of its own). */
  const documentState = async () => {
    const r = await ctx.h.query<{ n: number }>(`select count(*)::int as n from audit_log where event like 'document.%'`);
    const { documents, files } = await snapshot();
    return { documents, files, documentEvents: Number(r[0].n) };
  };
  const upload = (req: Request, id = appId) => listRoute.POST(req, ctxOf(id));

  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    suffix = Math.random().toString(36).slice(2, 8);
    const owner = await createUser(ctx.h.db, { role: 'applicant', username: `owner_${suffix}` });
    await createUser(ctx.h.db, { role: 'applicant', username: `other_${suffix}` });
    await createUser(ctx.h.db, { role: 'bank_officer', username: `bank_${suffix}`, orgCode: 'BANK-ABC-KZ', totp: true });
    const [bank] = await ctx.h.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'BANK-ABC-KZ'));
    [{ id: appId }, { id: bankAppId }] = await ctx.h.db
      .insert(applications)
      .values([
        { applicantId: owner.id, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人' },
        { applicantId: owner.id, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人', state: 'pending_bank', bankOrgId: bank.id },
      ])
      .returning({ id: applications.id });
  });
  afterAll(() => fs.rmSync(jar.root, { recursive: true, force: true }));
  const as = (who: 'owner' | 'other' | 'bank') => signIn(`${who}_${suffix}`);
  beforeEach(() => jar.cookies.clear());

  it('the default store is the database, not UPLOAD_DIR', () => {
    expect(env().UPLOAD_DIR).toBe(jar.root);
    expect(env().FILE_STORE).toBe('db');
  });

  it('POST without a session answers 401 and stores nothing', async () => {
    const before = await snapshot();
    const res = await upload(uploadRequest(appId));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    expect(await snapshot()).toEqual(before);
  });

  it('a cross-origin POST or DELETE with a valid session answers 403 and changes nothing', async () => {
    await as('owner');
    const before = await snapshot();
    const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }, { origin: '' }];
    for (const headers of attempts) {
      const res = await upload(uploadRequest(appId, { headers }));
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the owner uploads (same origin), lists and gets the bytes back with the sniffed type and safe headers', async () => {
    await as('owner');
    const before = await snapshot();
    // The client claims text/plain and a .txt name: the content decides.
    const res = await upload(uploadRequest(appId, { type: 'text/plain', fileName: '营业执照 (副本).txt', headers: { origin: '', 'sec-fetch-site': 'same-origin' } }));
    expect(res.status).toBe(201);
    const { data: doc } = await res.json();
    expect(doc).toMatchObject({ kind: 'id_card', mime: 'image/png', originalName: '营业执照 (副本).txt', sizeBytes: PNG.length });
    expect(doc).not.toHaveProperty('storageKey');
    expect(await snapshot()).toEqual({ documents: before.documents + 1, audit_log: before.audit_log + 1, files: before.files + 1 });

    const list = await listRoute.GET(new Request(`${ORIGIN}/api/applications/${appId}/documents`), ctxOf(appId));
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toContain('no-store');
    expect((await list.json()).data.map((d: { id: string }) => d.id)).toEqual([doc.id]);

    const get = await docRoute.GET(new Request(`${ORIGIN}/api/documents/${doc.id}`), ctxOf(doc.id));
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(PNG)).toBe(true);
    expect(get.headers.get('content-type')).toBe('image/png');
    expect(get.headers.get('x-content-type-options')).toBe('nosniff');
    expect(get.headers.get('content-security-policy')).toBe('sandbox');
    expect(get.headers.get('cache-control')).toContain('no-store');
    expect(get.headers.get('content-length')).toBe(String(PNG.length));
    expect(get.headers.get('content-disposition')).toBe(
      `inline; filename="____ (__).txt"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.txt`,
    );
    const dl = await docRoute.GET(new Request(`${ORIGIN}/api/documents/${doc.id}?download=1`), ctxOf(doc.id));
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; /);
    await dl.body?.cancel();
  });

  it('a text file named photo.jpg answers 400 with the Chinese message and stores nothing', async () => {
    await as('owner');
    const before = await snapshot();
    const res = await upload(uploadRequest(appId, { content: Buffer.from('this is not an image'), fileName: 'photo.jpg', type: 'image/jpeg' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'INVALID_INPUT', message: '仅支持 JPEG、PNG 或 PDF 文件（按文件内容识别）' } });
    expect(await snapshot()).toEqual(before);
  });

  it('too large answers 413: by Content-Length before reading, and while streaming a body without one', async () => {
    await as('owner');
    const before = await snapshot();
    const declared = await upload(uploadRequest(appId, { headers: { 'content-length': String(DOCUMENT_MAX_BYTES + 64 * 1024 + 1) } }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: { code: 'INVALID_INPUT', message: '文件不能超过 10 MB' } });

    const boundary = 'kzTestBoundary7MA4YWxk';
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`));
        c.enqueue(new Uint8Array(PNG));
      },
      pull(c) {
        // 12 MiB of file data, then the end: never held at once.
        if (sent >= 12 * 1024 * 1024) {
          c.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
          return c.close();
        }
        c.enqueue(new Uint8Array(256 * 1024));
        sent += 256 * 1024;
      },
    });
    const streamed = await upload(new Request(`${ORIGIN}/api/applications/${appId}/documents`, {
      method: 'POST', body, headers: { origin: ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` }, duplex: 'half',
    } as RequestInit));
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.message).toBe('文件不能超过 10 MB');
    expect(await snapshot()).toEqual(before);
  });

  it("another applicant gets 404 for the list, the file, upload and delete; the bank reads only what is routed to it", async () => {
    await as('owner');
    const doc = (await (await upload(uploadRequest(appId))).json()).data;
    const routed = (await (await upload(uploadRequest(bankAppId), bankAppId)).json()) as { data?: unknown; error?: unknown };
    expect(routed.error).toMatchObject({ code: 'CONFLICT' }); // under review: no uploads
    const before = await documentState();

    await as('other');
    expect((await listRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(appId))).status).toBe(404);
    expect((await docRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(doc.id))).status).toBe(404);
    expect((await upload(uploadRequest(appId))).status).toBe(404);
    expect((await docRoute.DELETE(new Request(`${ORIGIN}/x`, { method: 'DELETE', headers: { origin: ORIGIN } }), ctxOf(doc.id))).status).toBe(404);

    await as('bank');
    expect((await listRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(appId))).status).toBe(404); // a draft, not routed
    expect((await docRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(doc.id))).status).toBe(404);
    expect((await upload(uploadRequest(appId))).status).toBe(403); // no upload permission at all
    const routedList = await listRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(bankAppId));
    expect(routedList.status).toBe(200);
    expect((await routedList.json()).data).toEqual([]);
    expect(await documentState()).toEqual(before);
  });

  it('DELETE needs the same origin; then the owner deletes and the file is gone', async () => {
    await as('owner');
    const doc = (await (await upload(uploadRequest(appId))).json()).data;
    const del = (headers: Record<string, string>) => docRoute.DELETE(new Request(`${ORIGIN}/api/documents/${doc.id}`, { method: 'DELETE', headers }), ctxOf(doc.id));
    const before = await snapshot();
    expect((await del({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await del({})).status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const ok = await del({ 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(await snapshot()).toEqual({ documents: before.documents, audit_log: before.audit_log + 1, files: before.files - 1 });
    expect((await docRoute.GET(new Request(`${ORIGIN}/x`), ctxOf(doc.id))).status).toBe(404);
  });
});
