import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeDb, type DbCtx } from '../helpers/test-db';
import { actorOf, createUser } from '../helpers/factories';
import type { Actor } from '@/lib/server/auth/actor';
import { computeAuditHash, computeAuditHmac, type AuditHashInput } from '@/lib/server/audit/audit-hash';
import { anchorAuditChain, anchorAuditChainIfDue } from '@/lib/server/audit/anchor-audit-chain';
import { anchorRoot, anchorSignatureValid, listAnchorNames, parseAnchor } from '@/lib/server/audit/anchor-store';
import { anchorKeyFingerprint, auditKey } from '@/lib/server/audit/audit-key';
import { readChainState } from '@/lib/server/audit/chain-state';
import { checkAuditChain } from '@/lib/server/audit/check-audit-chain';
import { readAuditAnchor } from '@/lib/server/audit/read-audit-anchor';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { verifyAuditWitness } from '@/lib/server/audit/verify-audit-witness';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';

type Row = AuditHashInput & { seq: number; prevHash: string; hash: string; hashVersion: number };

async function rows(ctx: DbCtx, fromSeq = 0): Promise<Row[]> {
  const r = await ctx.owner.query<Record<string, unknown>>(
    `select seq::int, at, actor_id, actor_role, event, object_type, object_id, result, detail, ip, prev_hash, hash, hash_version from audit_log where seq >= $1 order by seq`,
    [fromSeq],
  );
  return r.map((x) => ({
    seq: x.seq as number, at: new Date(x.at as string), actorId: x.actor_id as string | null, actorRole: x.actor_role as string | null, event: x.event as string,
    objectType: x.object_type as string | null, objectId: x.object_id as string | null, result: x.result as 'success' | 'failure', detail: x.detail, ip: x.ip as string | null,
    prevHash: x.prev_hash as string, hash: x.hash as string, hashVersion: x.hash_version as number,
  }));
}

const content = (r: Row): AuditHashInput => ({ at: r.at, actorId: r.actorId, actorRole: r.actorRole, event: r.event, objectType: r.objectType, objectId: r.objectId, result: r.result, detail: r.detail, ip: r.ip });

/** As the database's owner (no audit key): switch the append-only trigger off, run `fn`, switch it back on. */
async function asOwnerWithoutTriggers(ctx: DbCtx, fn: () => Promise<void>) {
  await ctx.owner.query('alter table audit_log disable trigger audit_log_no_update_delete');
  try {
    await fn();
  } finally {
    await ctx.owner.query('alter table audit_log enable trigger audit_log_no_update_delete');
  }
}

/** Rewrite rows [from…] in place with the given hashing, relinking each to the one before. */
async function rehashFrom(ctx: DbCtx, from: number, hashOf: (prev: string, r: Row) => { hash: string; version: number }) {
  const all = await rows(ctx);
  let prev = all.filter((r) => r.seq < from).at(-1)?.hash ?? '0'.repeat(64);
  for (const r of all.filter((x) => x.seq >= from)) {
    const { hash, version } = hashOf(prev, r);
    await ctx.owner.query('update audit_log set prev_hash = $1, hash = $2, hash_version = $3 where seq = $4', [prev, hash, version, r.seq]);
    prev = hash;
  }
}

const count = async (ctx: DbCtx, where = 'true') => Number((await ctx.owner.query<{ n: string }>(`select count(*)::text as n from audit_log where ${where}`))[0].n);
const anchorFiles = async (ctx: DbCtx) => listAnchorNames((await readChainState(ctx.h.db)).chainId!);

describeDb('AUD tamper-evident audit chain: keyed hashes and anchors outside the database', (ctx) => {
  let auditor: Actor;
  let finance: Actor;
  beforeAll(async () => {
    auditor = actorOf(await createUser(ctx.h.db, { role: 'auditor' }));
    finance = actorOf(await createUser(ctx.h.db, { role: 'finance_officer' }));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rows written before the key (hash version 1) stay as they were and verify; every new row is keyed (HMAC) and seals them', async () => {
    // Three rows as the old code wrote them — unkeyed SHA-256 — the state a database is in when this migration arrives.
    let prev = '0'.repeat(64);
    for (let i = 1; i <= 3; i++) {
      const c: AuditHashInput = { at: new Date(Date.UTC(2026, 0, i)), actorId: null, actorRole: null, event: 'legacy.event', objectType: null, objectId: String(i), result: 'success', detail: { i }, ip: null };
      const hash = computeAuditHash(prev, c);
      await ctx.owner.query(
        `insert into audit_log (at, event, object_id, result, detail, prev_hash, hash, hash_version) values ($1, $2, $3, 'success', $4, $5, $6, 1)`,
        [c.at, c.event, c.objectId, JSON.stringify(c.detail), prev, hash],
      );
      prev = hash;
    }
    for (let i = 0; i < 4; i++) await writeAuditLog(ctx.h.db, { event: 'test.event', objectId: String(i), detail: { i } });
    const all = await rows(ctx);
    expect(all.map((r) => r.hashVersion)).toEqual([1, 1, 1, 2, 2, 2, 2]);
    const { chainId } = await readChainState(ctx.h.db);
    const key = auditKey();
    expect(all[3].prevHash).toBe(all[2].hash);
    expect(all[3].hash).toBe(computeAuditHmac(key, chainId!, all[2].hash, content(all[3])));
    expect(all[3].hash).not.toBe(computeAuditHash(all[2].hash, content(all[3])));
    expect(await verifyAuditChain(ctx.h.db)).toMatchObject({ ok: true, rows: 7, legacyRows: 3, keyedFrom: all[3].seq, headSeq: all[6].seq });
  });

  it('a row edited and re-hashed by someone without the key is reported at its seq — whether re-hashed the old way or with a guessed key', async () => {
    const target = (await rows(ctx)).find((r) => r.event === 'test.event' && r.objectId === '1')!;
    const before = await count(ctx);
    // 1. Edited, then it and every later row re-hashed with the unkeyed scheme and relinked.
    await asOwnerWithoutTriggers(ctx, async () => {
      await ctx.owner.query(`update audit_log set detail = '{"i": 1, "amountFen": "999999"}' where seq = $1`, [target.seq]);
      await rehashFrom(ctx, target.seq, (prev, r) => ({ hash: computeAuditHash(prev, content(r)), version: 1 }));
    });
    expect(await verifyAuditChain(ctx.h.db)).toEqual({ ok: false, rows: expect.any(Number), firstBadSeq: target.seq, reason: 'UNKEYED_AFTER_KEYED' });
    const check = await checkAuditChain(ctx.h.db, auditor);
    expect(check).toMatchObject({ ok: false, firstBadSeq: target.seq, reason: 'UNKEYED_AFTER_KEYED' });

    // 2. The same edit, re-hashed as a keyed row under a guessed key.
    const guess = crypto.randomBytes(32);
    const { chainId } = await readChainState(ctx.h.db);
    await asOwnerWithoutTriggers(ctx, async () => {
      await rehashFrom(ctx, target.seq, (prev, r) => ({ hash: computeAuditHmac(guess, chainId!, prev, content(r)), version: 2 }));
    });
    expect(await verifyAuditChain(ctx.h.db)).toEqual({ ok: false, rows: expect.any(Number), firstBadSeq: target.seq, reason: 'HASH_MISMATCH' });

    // The auditor's failed check itself was recorded (a keyed row, appended after the broken ones).
    expect(await count(ctx, `event = 'audit.verify_chain' and result = 'failure'`)).toBe(1);

    // 3. Swapping the chain's identity (to orphan it from its anchors) breaks every keyed row: the first is reported.
    const keyedFrom = (await rows(ctx)).find((r) => r.hashVersion === 2)!.seq;
    const swapId = async (id: string) => {
      await ctx.owner.query('alter table audit_chain disable trigger audit_chain_no_change');
      await ctx.owner.query('update audit_chain set id = $1', [id]);
      await ctx.owner.query('alter table audit_chain enable trigger audit_chain_no_change');
    };
    await swapId(crypto.randomUUID());
    try {
      expect(await verifyAuditChain(ctx.h.db)).toEqual({ ok: false, rows: 3, firstBadSeq: keyedFrom, reason: 'HASH_MISMATCH' });
    } finally {
      await swapId(chainId!);
    }
    expect(await count(ctx)).toBe(before + 1);
  });

  it('restored by someone who has the original values, the chain verifies again (the check is not sticky)', async () => {
    // Put the rows back exactly as the app wrote them: the test holds the key, an attacker would not.
    const key = auditKey();
    const { chainId } = await readChainState(ctx.h.db);
    const target = (await rows(ctx)).find((r) => r.event === 'test.event' && r.objectId === '1')!;
    await asOwnerWithoutTriggers(ctx, async () => {
      await ctx.owner.query(`update audit_log set detail = '{"i": 1}' where seq = $1`, [target.seq]);
      await rehashFrom(ctx, target.seq, (prev, r) => ({ hash: computeAuditHmac(key, chainId!, prev, content(r)), version: 2 }));
    });
    expect(await verifyAuditChain(ctx.h.db)).toMatchObject({ ok: true });
  });

  it('the auditor anchors the head outside the database: a signed file, downloadable, recorded in the log; others may not', async () => {
    const filesBefore = await anchorFiles(ctx);
    const rowsBefore = await count(ctx);
    await expect(anchorAuditChain(ctx.h.db, finance)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readAuditAnchor(ctx.h.db, finance, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await anchorFiles(ctx)).toEqual(filesBefore);
    expect(await count(ctx)).toBe(rowsBefore);

    const head = (await readChainState(ctx.h.db)).head!;
    const out = await anchorAuditChain(ctx.h.db, auditor);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.anchor).toMatchObject({ seq: head.seq, hash: head.hash, reason: 'on_demand' });
    const { chainId } = await readChainState(ctx.h.db);
    const file = path.join(anchorRoot(), chainId!, out.name);
    expect(fs.existsSync(file)).toBe(true);
    expect(anchorRoot().startsWith(path.resolve(process.env.AUDIT_ANCHOR_DIR!))).toBe(true);
    const saved = parseAnchor(fs.readFileSync(file, 'utf8'))!;
    expect(anchorSignatureValid(saved)).toBe(true);
    // Signed: any change to the head invalidates it.
    expect(anchorSignatureValid({ ...saved, seq: saved.seq + 1 })).toBe(false);
    expect(await count(ctx, `event = 'audit.anchor' and object_id = '${out.name}'`)).toBe(1);

    const dl = await readAuditAnchor(ctx.h.db, auditor, {});
    expect(dl.name).toBe(out.name);
    expect(parseAnchor(dl.text)).toEqual(saved);
    const check = await checkAuditChain(ctx.h.db, auditor);
    expect(check).toMatchObject({ ok: true, anchor: { seq: head.seq, hash: head.hash, signatureValid: true }, keyFingerprint: anchorKeyFingerprint() });
  });

  it('deleting the newest rows is reported as "chain does not reach the anchor"; a broken chain is never anchored', async () => {
    const latest = (await anchorFiles(ctx))[0];
    const anchor = parseAnchor(fs.readFileSync(path.join(anchorRoot(), (await readChainState(ctx.h.db)).chainId!, latest), 'utf8'))!;
    await writeAuditLog(ctx.h.db, { event: 'test.after_anchor' });
    const kept = await rows(ctx);
    await asOwnerWithoutTriggers(ctx, async () => {
      await ctx.owner.query('delete from audit_log where seq >= $1', [anchor.seq - 1]);
    });
    // Without the anchor the shortened chain looks whole: that is what the anchor is for.
    expect(await verifyAuditChain(ctx.h.db)).toMatchObject({ ok: true });
    const check = await checkAuditChain(ctx.h.db, auditor);
    expect(check).toMatchObject({ ok: false, reason: 'ANCHOR_NOT_REACHED', firstBadSeq: anchor.seq, anchor: { seq: anchor.seq } });

    const files = await anchorFiles(ctx);
    const refused = await anchorAuditChain(ctx.h.db, auditor);
    expect(refused).toMatchObject({ ok: false, check: { reason: 'ANCHOR_NOT_REACHED' } });
    expect(await anchorFiles(ctx)).toEqual(files);
    expect(await count(ctx, `event = 'audit.anchor' and result = 'failure'`)).toBe(1);

    // The kept copy, held up against the log: not confirmed, and why.
    const w = await verifyAuditWitness(ctx.h.db, auditor, { anchorText: JSON.stringify(anchor) });
    expect(w).toMatchObject({ seq: anchor.seq, signatureValid: true, witness: { ok: false, reason: 'ANCHOR_NOT_REACHED' } });

    // Put the deleted rows back (same values, same seq): the chain reaches the anchor again.
    await asOwnerWithoutTriggers(ctx, async () => {
      await ctx.owner.query('delete from audit_log where seq >= $1', [anchor.seq - 1]);
      for (const r of kept.filter((x) => x.seq >= anchor.seq - 1)) {
        await ctx.owner.query(
          `insert into audit_log (seq, at, actor_id, actor_role, event, object_type, object_id, result, detail, ip, prev_hash, hash, hash_version) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          [r.seq, r.at, r.actorId, r.actorRole, r.event, r.objectType, r.objectId, r.result, JSON.stringify(r.detail), r.ip, r.prevHash, r.hash, r.hashVersion],
        );
      }
    });
    expect(await checkAuditChain(ctx.h.db, auditor)).toMatchObject({ ok: true, anchor: { seq: anchor.seq } });
    const ok = await verifyAuditWitness(ctx.h.db, auditor, { anchorText: JSON.stringify(anchor) });
    expect(ok).toMatchObject({ signatureValid: true, witness: { ok: true }, chain: { ok: true } });
  });

  it('an anchor file nobody signed with the key is reported, and a forged copy is not confirmed', async () => {
    const { chainId, head } = await readChainState(ctx.h.db);
    const latest = parseAnchor(fs.readFileSync(path.join(anchorRoot(), chainId!, (await anchorFiles(ctx))[0]), 'utf8'))!;
    // Someone with the anchor directory (not the key) claims a head that never existed.
    const forged = { ...latest, seq: head!.seq + 1000, hash: 'f'.repeat(64), anchoredAt: new Date(Date.now() + 60_000).toISOString() };
    const name = `anchor-${String(forged.seq).padStart(15, '0')}-${forged.anchoredAt.replace(/[-:.]/g, '')}.json`;
    const file = path.join(anchorRoot(), chainId!, name);
    fs.writeFileSync(file, JSON.stringify(forged));
    try {
      expect(await checkAuditChain(ctx.h.db, auditor)).toMatchObject({ ok: false, reason: 'ANCHOR_INVALID', anchor: { name, signatureValid: false } });
      const w = await verifyAuditWitness(ctx.h.db, auditor, { anchorText: JSON.stringify(forged) });
      expect(w).toMatchObject({ signatureValid: false, witness: { ok: false } });
    } finally {
      fs.rmSync(file);
    }
    await expect(verifyAuditWitness(ctx.h.db, auditor, { anchorText: '{"not":"an anchor"}' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the first audit row of a day anchors the head by itself, once; the scheduled job anchors when the newest anchor is a day old', async () => {
    const day = (d: string) => vi.setSystemTime(new Date(d));
    vi.useFakeTimers({ toFake: ['Date'] });
    day('2030-03-01T01:00:00Z');
    const before = await anchorFiles(ctx);
    await writeAuditLog(ctx.h.db, { event: 'test.day1.first' });
    const afterFirst = await anchorFiles(ctx);
    expect(afterFirst).toHaveLength(before.length + 1);
    const { chainId, head } = await readChainState(ctx.h.db);
    const auto = parseAnchor(fs.readFileSync(path.join(anchorRoot(), chainId!, afterFirst[0]), 'utf8'))!;
    expect(auto).toMatchObject({ reason: 'first_of_day', seq: head!.seq, hash: head!.hash });
    // Inside a caller's transaction the row is not committed yet: no anchor from there.
    await ctx.h.db.transaction((tx) => writeAuditLog(tx, { event: 'test.day1.in_tx' }));
    await writeAuditLog(ctx.h.db, { event: 'test.day1.second' });
    expect(await anchorFiles(ctx)).toEqual(afterFirst);
    expect(await anchorAuditChainIfDue(ctx.h.db)).toBeNull();

    day('2030-03-02T02:00:00Z');
    const due = await anchorAuditChainIfDue(ctx.h.db);
    expect(due).toMatchObject({ ok: true, anchor: { reason: 'daily' } });
    expect(await anchorFiles(ctx)).toHaveLength(afterFirst.length + 1);
    expect(await checkAuditChain(ctx.h.db, auditor)).toMatchObject({ ok: true });
  });
});
