import type { Db } from '@/db/client';
import type { SubsidyBatch } from '@/db/schema';
import type { Actor } from '@/lib/server/auth/actor';
import { BATCH_STEPS, decideBatch } from './decide-batch';

/** 人社审核: HR verifies a prepared claim ('review:hr'); never the one who prepared it. */
export function verifyBatch(db: Db, actor: Actor, raw: unknown): Promise<SubsidyBatch> {
  return decideBatch(db, actor, raw, BATCH_STEPS.verify);
}
