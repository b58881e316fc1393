import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { ensureAppRole, urlAs } from '@/db/app-role';
import { migrateDb } from '@/db/migrate';
import { applications, subsidyBatches, subsidyLines } from '@/db/schema';
import { issuedToken } from '../helpers/admin-requests';
import { createUser, ensureReferenceData } from '../helpers/factories';
import { applicationAt, createCast } from '../helpers/workflow-fixtures';

/**
 * Several processes on one PostgreSQL, as a district runs it: two `next start` processes (the
 * production build) on two ports and one `npm run worker`. A session made on one port works on
 * the other; a document uploaded through one downloads through the other; a claim requested
 * through one, whose process is killed while it builds, is finished by the worker with the same
 * lines an undisturbed build gives.
 */
const keys = vi.hoisted(() => {
  const k = {
    NEXTAUTH_SECRET: Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    PII_KEY: Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64'),
    AUDIT_KEY: Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64'),
  };
  Object.assign(process.env, k);
  return k;
});

const BASE = process.env.TEST_DATABASE_URL;
if (!BASE) throw new Error('the multi-process test needs PostgreSQL: set TEST_DATABASE_URL (and TEST_APP_DATABASE_URL)');
const ROOT = path.resolve(import.meta.dirname, '../..');
if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('the multi-process test needs the production build: run `next build` first');

const PORTS = [Number(process.env.MP_PORT ?? 3291), Number(process.env.MP_PORT ?? 3291) + 1];
const url = (i: number) => `http://127.0.0.1:${PORTS[i]}`;
const METRICS_TOKEN = 'multi-process-test-metrics-token-0123';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(700_000)]);

interface Proc {
  child: ChildProcess;
  out: string[];
}

describe('two web processes and a worker on one PostgreSQL', () => {
  const dbName = `t_mp_${crypto.randomBytes(5).toString('hex')}`;
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-mp-anchors-'));
  let owner: DbHandle;
  let app: DbHandle;
  let appUrl: string;
  const procs: Proc[] = [];
  let web: Proc[] = [];

  function start(args: string[], extra: Record<string, string> = {}): Proc {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: os.tmpdir(), ...keys,
        NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: appUrl, DB_MIGRATE_ON_START: '0',
        AUDIT_ANCHOR_DIR: anchorDir, METRICS_TOKEN: METRICS_TOKEN, CLAIM_LEASE_SECONDS: '3', WORKER_POLL_SECONDS: '1', LOG_LEVEL: 'info', ...extra,
      },
    });
    const p: Proc = { child, out: [] };
    child.stdout!.on('data', (d) => p.out.push(String(d)));
    child.stderr!.on('data', (d) => p.out.push(String(d)));
    procs.push(p);
    return p;
  }
  const kill = (p: Proc, sig: NodeJS.Signals) => {
    try {
      process.kill(-p.child.pid!, sig); // its process group: next start and anything it forked
    } catch {
      // already gone
    }
  };
  const exited = (p: Proc) => new Promise<void>((resolve) => (p.child.exitCode !== null || p.child.signalCode !== null ? resolve() : p.child.once('exit', () => resolve())));

  async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 45_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn().catch(() => null);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: BASE });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const ownerUrl = new URL(BASE);
    ownerUrl.pathname = `/${dbName}`;
    const role = await ensureAppRole(BASE, process.env.TEST_APP_DATABASE_URL || undefined);
    owner = await createDb({ url: ownerUrl.toString() });
    await migrateDb(owner, { appRole: role.user });
    appUrl = urlAs(BASE, role, dbName);
    app = await createDb({ url: appUrl });
    web = [0, 1].map((i) => start([path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORTS[i]), '-H', '127.0.0.1'], { NEXTAUTH_URL: url(i) }));
    await Promise.all([0, 1].map((i) => until(`port ${PORTS[i]} ready`, async () => (await fetch(`${url(i)}/api/ready`)).status === 200)));
  });

  afterAll(async () => {
    for (const p of procs) kill(p, 'SIGKILL');
    await Promise.all(procs.map(exited));
    await app?.close();
    await owner?.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: BASE });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  /** next-auth's credentials sign-in over HTTP: the session cookie. */
  async function signIn(base: string, identifier: string, password: string): Promise<string> {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ csrfToken, identifier, password, otp: '', json: 'true' }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    if (!session) throw new Error(`sign-in failed on ${base}: ${res.status}`);
    return session.split(';')[0];
  }

  it('a session from one port works on the other; a document uploaded through one downloads, byte-identical, through the other', async () => {
    await ensureReferenceData(app.db);
    const user = await createUser(app.db, { role: 'applicant', username: `mp_${crypto.randomBytes(3).toString('hex')}` });
    const [draft] = await app.db.insert(applications).values({ applicantId: user.id, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人' }).returning({ id: applications.id });

    const cookie = await signIn(url(0), user.username, 'Test-password-123');
    // Continue on the other process.
    const list = await fetch(`${url(1)}/api/applications/${draft.id}/documents`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect((await list.json()).data).toEqual([]);
    // Without the cookie: refused there too.
    expect((await fetch(`${url(1)}/api/applications/${draft.id}/documents`)).status).toBe(401);

    const form = new FormData();
    form.append('kind', 'id_card');
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '身份证.png');
    const up = await fetch(`${url(0)}/api/applications/${draft.id}/documents`, { method: 'POST', body: form, headers: { cookie, origin: url(0) } });
    expect(up.status).toBe(201);
    const { data: doc } = (await up.json()) as { data: { id: string; sha256: string } };
    const down = await fetch(`${url(1)}/api/documents/${doc.id}?download=1`, { headers: { cookie } });
    expect(down.status).toBe(200);
    const bytes = Buffer.from(await down.arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    // Every request left a JSON log line with its request id and actor id, never the person's name or mobile.
    const logged = () => web.flatMap((p) => p.out.join('').split('\n')).filter((l) => l.startsWith('{'));
    const download = await until('the download\'s log line', async () =>
      logged().map((l) => JSON.parse(l)).find((l) => l.kind === 'request' && l.route === '/api/documents/:id' && l.status === 200));
    expect(download).toMatchObject({ method: 'GET', outcome: 'ok', actorId: user.id, requestId: expect.any(String), durationMs: expect.any(Number) });
    const lines = logged();
    expect(lines.join('\n')).not.toContain('测试申请人');
    expect(lines.join('\n')).not.toContain(user.realName);
  });

  it('a claim requested through one process, killed while it builds, is finished by the worker with the lines of an undisturbed build', async () => {
    const cast = await createCast(app.db);
    for (let i = 0; i < 3; i++) await applicationAt(app.db, cast, 'disbursed');
    const { token } = await issuedToken(app.db, cast.security, cast.security2, 'BANK-ABC-KZ');

    // Hold the job up once it has taken its lease: it reads the rule catalogue next.
    const blocker = new (await import('pg')).Client({ connectionString: owner.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table policy_changes in access exclusive mode');
    let batchId: string;
    try {
      const res = await fetch(`${url(0)}/api/v1/claims`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ period: '2026Q1' }) });
      expect(res.status).toBe(200);
      batchId = ((await res.json()) as { data: { id: string } }).data.id;
      // The web process took the lease (progress total set) and is stuck in the build: kill it.
      await until('the lease taken by port 0', async () => {
        const [b] = await app.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
        return b.status === 'building' && b.progressTotal > 0;
      }, 15_000);
      kill(web[0], 'SIGKILL');
      await exited(web[0]);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    const [left] = await app.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId!));
    expect(left).toMatchObject({ status: 'building', lineCount: 0 });

    // The worker finds the stale lease and builds it.
    const worker = start([path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/worker.ts']);
    const done = await until('the worker to prepare the claim', async () => {
      const [b] = await app.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
      return b.status === 'prepared' ? b : null;
    });
    const lines = async () =>
      (await app.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).orderBy(asc(subsidyLines.seq))).map((l) => ({ seq: l.seq, subjectKey: l.subjectKey, applicationId: l.applicationId, amountFen: l.amountFen, detail: l.detail }));
    const resumed = await lines();
    expect(resumed.length).toBeGreaterThan(0);
    expect(done.lineCount).toBe(resumed.length);
    const jobLines = worker.out.join('').split('\n').filter((l) => l.includes('"job":"claims"')).map((l) => JSON.parse(l));
    expect(jobLines.some((l) => l.result?.prepared === 1)).toBe(true);

    // The undisturbed build of the same claim, through the other process, for comparison.
    await owner.db.transaction(async (tx) => {
      await tx.execute(sql`delete from subsidy_lines where batch_id = ${batchId}`);
      await tx.execute(sql`update subsidy_batches set status = 'failed', error = 'test: built again undisturbed', line_count = 0, total_fen = 0 where id = ${batchId}`);
    });
    const again = await fetch(`${url(1)}/api/v1/claims`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ period: '2026Q1' }) });
    expect(again.status).toBe(200);
    await until('the undisturbed build', async () => (await app.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId)))[0].status === 'prepared');
    expect(await lines()).toEqual(resumed);
    const [prepared] = await app.db.execute(sql`select count(*)::int as n from audit_log where event = 'batch.prepared' and object_id = ${batchId}`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(prepared.n).toBe(2); // once after the kill, once undisturbed: never twice for one build
  });

  it('/api/ready of a process whose database is unreachable is 503 while /api/health is 200; /api/metrics wants the token', async () => {
    const cut = start([path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORTS[0]), '-H', '127.0.0.1'], { NEXTAUTH_URL: url(0), DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' });
    await until('the cut-off process to answer', async () => (await fetch(`${url(0)}/api/health`)).status === 200);
    const res = await fetch(`${url(0)}/api/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable' } });
    kill(cut, 'SIGKILL');

    expect((await fetch(`${url(1)}/api/metrics`)).status).toBe(403);
    expect((await fetch(`${url(1)}/api/metrics`, { headers: { authorization: 'Bearer not-the-token-not-the-token-00' } })).status).toBe(403);
    const m = await fetch(`${url(1)}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(m.status).toBe(200);
    const text = await m.text();
    expect(text).toMatch(/kz_http_request_duration_seconds_count\{method="GET",route="\/api\/documents\/:id",status="200"\} [1-9]/);
    expect(text).toMatch(/kz_subsidy_batches\{kind="interest",status="prepared"\} 1/);
  });
});
