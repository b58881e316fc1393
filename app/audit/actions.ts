'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { anchorAuditChain } from '@/lib/server/audit/anchor-audit-chain';
import { verifyAuditWitness } from '@/lib/server/audit/verify-audit-witness';

export async function anchorAuditChainAction() {
  const r = await runProtected('audit:anchor', async (actor, db) => {
    const out = await anchorAuditChain(db, actor, 'on_demand');
    return out.ok ? { ok: true as const, seq: out.anchor.seq, name: out.name } : { ok: false as const, firstBadSeq: out.check.ok ? null : out.check.firstBadSeq };
  });
  revalidatePath('/audit');
  return r;
}

export async function verifyAuditWitnessAction(input: unknown) {
  return runProtected('audit:read_log', async (actor, db) => {
    const r = await verifyAuditWitness(db, actor, input);
    return { seq: r.seq, signatureValid: r.signatureValid, ok: r.witness.ok, firstBadSeq: r.witness.ok ? null : r.witness.firstBadSeq, reason: r.witness.ok ? null : r.witness.reason };
  });
}
