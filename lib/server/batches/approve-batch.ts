import type { Db } from '@/db/client';
import type { SubsidyBatch } from '@/db/schema';
import type { Actor } from '@/lib/server/auth/actor';
import { BATCH_STEPS, decideBatch } from './decide-batch';

/** 财政审批: finance approves a verified batch ('finance:approve_batch'); never its preparer or verifier. */
export function approveBatch(db: Db, actor: Actor, raw: unknown): Promise<SubsidyBatch> {
  return decideBatch(db, actor, raw, BATCH_STEPS.approve);
}
