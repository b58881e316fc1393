import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { migrateData } from '@/db/migrate-data';
import { env, readKeyFile } from '@/lib/env';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { hashPassword } from '@/lib/server/crypto/password';
import { decryptPii, decryptWith, encryptWith, mobileHash } from '@/lib/server/crypto/pii';
import { SEALED, rekeyPii } from '@/lib/server/crypto/rekey-pii';
import { ensurePrivateDir } from '@/lib/server/storage/private-dir';
import { createUser, ensureReferenceData } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';

const PASSWORD = 'Test-password-123';

describeDb('personal data at rest (issue 12 item 7)', (ctx) => {
  const db = () => ctx.h.db;
  beforeAll(async () => ensureReferenceData(db()));

  it('stores a mobile only as ciphertext, blind index and masked form; login by mobile finds it', async () => {
    const u = await createUser(db(), { role: 'applicant', mobile: '13955550001', password: PASSWORD });
    const [raw] = await ctx.owner.query<Record<string, unknown>>(`select row_to_json(u)::text as j from users u where id = $1`, [u.id]);
    expect(raw.j).not.toContain('13955550001');
    expect(raw.j).not.toContain('55550001');
    const [row] = await db().select().from(users).where(eq(users.id, u.id));
    expect(row).toMatchObject({ legacyMobile: null, mobileMasked: '139****0001', mobileHash: mobileHash('13955550001') });
    expect(decryptPii(row.mobileEnc!)).toBe('13955550001');
    await expect(authenticateUser(db(), { identifier: '139 5555 0001', password: PASSWORD })).resolves.toMatchObject({ userId: u.id });
    // A wrong mobile finds nobody, and its failure is counted under the blind index, never in clear.
    await expect(authenticateUser(db(), { identifier: '13955550009', password: PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // The shared limiter's counters: rows of rate_limits on PostgreSQL (in memory on PGlite, so nothing stored at all).
    const throttles = await ctx.owner.query<{ key: string }>(`select key from rate_limits`);
    if (ctx.h.driver === 'pg') expect(throttles.map((t) => t.key)).toContain(`login_account:mobile:${mobileHash('13955550009')}`);
    expect(JSON.stringify(throttles)).not.toContain('13955550009');
  });

  it('the migration step seals mobiles stored in clear and gives applicants a handle; login by mobile still works', async () => {
    const hash = await hashPassword(PASSWORD);
    await ctx.owner.query(`insert into users (username, mobile, real_name, role, password_hash) values ('13955550002', '13955550002', '旧账号', 'applicant', $1), ('old.staff', '17755550003', '旧员工', 'hr_reviewer', $1)`, [hash]);
    const first = await migrateData(db());
    expect(first.mobilesSealed).toBe(2);
    expect((await migrateData(db())).mobilesSealed).toBe(0); // idempotent
    const rows = await ctx.owner.query<{ username: string; mobile: string | null; mobile_masked: string; j: string }>(
      `select username, mobile, mobile_masked, row_to_json(u)::text as j from users u where real_name in ('旧账号', '旧员工') order by real_name`,
    );
    expect(rows.map((r) => r.mobile)).toEqual([null, null]);
    expect(rows.map((r) => r.mobile_masked).sort()).toEqual(['139****0002', '177****0003']);
    for (const r of rows) expect(r.j).not.toMatch(/13955550002|17755550003/);
    expect(rows.find((r) => r.mobile_masked === '139****0002')!.username).toMatch(/^a-[0-9a-f]{32}$/);
    expect(rows.find((r) => r.mobile_masked === '177****0003')!.username).toBe('old.staff');
    await expect(authenticateUser(db(), { identifier: '13955550002', password: PASSWORD })).resolves.toMatchObject({ role: 'applicant' });
  });

  it('every *_enc column of the schema is in the rekey list', async () => {
    const cols = await ctx.owner.query<{ t: string; c: string }>(
      `select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' and column_name like '%\\_enc' order by 1, 2`,
    );
    const listed = SEALED.flatMap((s) => Object.keys(s.fields).filter((f) => !f.includes('.')).map((f) => `${s.table}.${f}`));
    expect(cols.map((r) => `${r.t}.${r.c}`).sort()).toEqual(listed.sort());
  });

  it('pii:rekey re-encrypts everything under the new key in batches, idempotently; a value under neither key stops it', async () => {
    const current = Buffer.from(env().PII_KEY, 'base64');
    const fresh = crypto.randomBytes(32);
    const sealed = async () =>
      (await ctx.owner.query<{ v: string }>(`select id_number_enc as v from users where id_number_enc is not null union all select mobile_enc from users where mobile_enc is not null union all select totp_secret_enc from users where totp_secret_enc is not null`)).map((r) => r.v);
    // Some of each: an ID number, mobiles, a TOTP secret, and an account-creation request's mobile.
    await ctx.owner.query(`update users set id_number_enc = $1 where real_name = '旧账号'`, [encryptWith(current, '500234199001011232')]);
    await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17755550004', totp: true });
    const proposer = await createUser(db(), { role: 'admin', orgCode: 'KZ-OPS' });
    await ctx.owner.query(`insert into admin_requests (kind, subject, payload, summary, reason, proposed_by, proposed_at, status) values ('create_user', 'username:x', $1, 's', 'r', $2, now(), 'proposed')`, [
      JSON.stringify({ username: 'x', mobileEnc: encryptWith(current, '17755550005'), mobileMasked: '177****0005' }),
      proposer.id,
    ]);
    // A 拨付 line in a batch past 'prepared': frozen by its trigger, yet re-encrypted (same plaintext).
    const batchId = crypto.randomUUID();
    await ctx.owner.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`insert into subsidy_batches (id, number, kind, period, round, status, line_count, total_fen, created_at, updated_at) values ('${batchId}', 'REKEY-1', 'hiring', '2026', 0, 'prepared', 1, 70, now(), now())`));
      await tx.execute(sql`insert into subsidy_lines (batch_id, seq, subject_key, payee_name, amount_fen, detail, payee_account_enc) values (${batchId}, 1, 'rekey:1', '某企业', 70, '{}'::jsonb, ${encryptWith(current, '6228480012345678901')})`);
    });
    await ctx.h.query(`update subsidy_batches set status = 'verified' where id = $1`, [batchId]);
    const frozenLine = async () => (await ctx.owner.query<{ v: string }>(`select payee_account_enc as v from subsidy_lines where batch_id = $1`, [batchId]))[0].v;
    await expect(ctx.h.query(`update subsidy_lines set payee_account_enc = 'x' where batch_id = $1`, [batchId])).rejects.toThrow(/frozen/);
    const before = await sealed();
    expect(before.length).toBeGreaterThanOrEqual(5);

    // As the schema owner (the command connects with MIGRATION_DATABASE_URL): it suspends the frozen-line guard per batch.
    const r = await rekeyPii(ctx.owner.db, current, fresh, 2);
    expect(r.rekeyed.subsidy_lines).toBe(1);
    expect(decryptWith(fresh, await frozenLine())).toBe('6228480012345678901');
    // The guard is back at once.
    await expect(ctx.h.query(`update subsidy_lines set payee_account_enc = 'x' where batch_id = $1`, [batchId])).rejects.toThrow(/frozen/);
    expect(r.rekeyed.users).toBe(before.length);
    expect(r.rekeyed.admin_requests).toBe(1);
    const after = await sealed();
    for (const v of after) expect(() => decryptWith(fresh, v)).not.toThrow();
    for (const v of after) expect(() => decryptWith(current, v)).toThrow();
    expect(after.map((v) => decryptWith(fresh, v)).sort()).toEqual(before.map((v) => decryptWith(current, v)).sort());
    const [req] = await ctx.owner.query<{ m: string }>(`select payload->>'mobileEnc' as m from admin_requests where subject = 'username:x'`);
    expect(decryptWith(fresh, req.m)).toBe('17755550005');
    // The blind indexes are untouched: login by mobile needs nothing re-computed.
    const audit = await ctx.owner.query(`select 1 from audit_log where event = 'pii.rekey'`);
    expect(audit).toHaveLength(1);

    // Again: nothing left to do.
    const again = await rekeyPii(ctx.owner.db, current, fresh, 2);
    expect(Object.values(again.rekeyed).every((n) => n === 0)).toBe(true);
    expect(again.alreadyNew.users).toBe(before.length);

    // A value under a third key: the run stops, and the batch holding it writes nothing.
    const stray = encryptWith(crypto.randomBytes(32), '13955550099');
    const [victim] = await ctx.owner.query<{ id: string; mobile_enc: string }>(`select id, mobile_enc from users where real_name = '旧账号'`);
    await ctx.owner.query(`update users set mobile_enc = $1 where id = $2`, [stray, victim.id]);
    await expect(rekeyPii(ctx.owner.db, fresh, current, 1000)).rejects.toThrow(/opens under neither/);
    const untouched = await sealed();
    expect(untouched.filter((v) => v !== stray).every((v) => { try { decryptWith(fresh, v); return true; } catch { return false; } })).toBe(true);

    // Back to the test key (and the original value), so the rest of this file's database opens as before.
    await ctx.owner.query(`update users set mobile_enc = $1 where id = $2`, [victim.mobile_enc, victim.id]);
    await rekeyPii(ctx.owner.db, fresh, current, 3);
    const restored = await sealed();
    for (const v of restored) expect(() => decryptPii(v)).not.toThrow();
    await expect(authenticateUser(db(), { identifier: '13955550002', password: PASSWORD })).resolves.toMatchObject({ role: 'applicant' });
  });
});

describe('key file and data directory (issue 12 item 7)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-keys-'));
  const key = crypto.randomBytes(32).toString('base64');

  it('reads PII_KEY and PII_INDEX_KEY from a file readable by its owner only', () => {
    const f = path.join(dir, 'pii.key');
    fs.writeFileSync(f, `# keys\nPII_KEY=${key}\nPII_INDEX_KEY = ${key}\n`, { mode: 0o600 });
    expect(readKeyFile(f)).toEqual({ PII_KEY: key, PII_INDEX_KEY: key });
  });

  it('refuses a key file others can read, one inside the data directory, and unknown names', () => {
    const open = path.join(dir, 'open.key');
    fs.writeFileSync(open, `PII_KEY=${key}\n`, { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    expect(() => readKeyFile(open)).toThrow(/readable by others/);
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const inData = path.join(dataDir, 'pii.key');
    fs.writeFileSync(inData, `PII_KEY=${key}\n`, { mode: 0o600 });
    expect(() => readKeyFile(inData, [dataDir])).toThrow(/inside the data directory/);
    expect(() => readKeyFile(path.join(process.cwd(), '.data', 'pii.key'))).toThrow(/inside the data directory/);
    const odd = path.join(dir, 'odd.key');
    fs.writeFileSync(odd, `NEXTAUTH_SECRET=x\n`, { mode: 0o600 });
    expect(() => readKeyFile(odd)).toThrow(/unknown name/);
  });

  it('creates .data (and what is under it) readable by its owner only, tightening an open one', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-cwd-'));
    const data = path.join(root, '.data');
    try {
      ensurePrivateDir(path.join(data, 'pglite'), 0o700, data);
      expect(fs.statSync(data).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(data, 'pglite')).mode & 0o777).toBe(0o700);
      fs.chmodSync(data, 0o755);
      ensurePrivateDir(path.join(data, 'audit-anchors'), 0o750, data);
      expect(fs.statSync(data).mode & 0o777).toBe(0o700);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
