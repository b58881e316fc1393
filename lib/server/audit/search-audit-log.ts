import { and, count, desc, eq, gte, ilike, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { writeAuditLog } from './write-audit-log';

/**
 * Events that show or export personal data unmasked (PII-04): the auditor's
 * "个人信息访问记录" view lists exactly these.
 */
export const PERSONAL_DATA_EVENTS = ['pii.unmask', 'document.view', 'batch.download_payment', 'batch.export_payment'];

export interface SearchAuditLogInput {
  event?: string;
  /** Only the unmasked views and exports of personal data. */
  personalDataOnly?: boolean;
  actorId?: string;
  objectId?: string;
  result?: 'success' | 'failure';
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

/** Read-only search of the audit log. The search itself is audited (等保: the auditor is audited too). */
export async function searchAuditLog(db: Db, actor: Actor, input: SearchAuditLogInput) {
  if (!hasPermission(actor.role, 'audit:read_log')) throw new AppError('FORBIDDEN');
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), 200);
  const page = Math.max(input.page ?? 1, 1);
  const f: SQL[] = [];
  if (input.event) f.push(ilike(auditLog.event, `${input.event.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (input.personalDataOnly) f.push(inArray(auditLog.event, PERSONAL_DATA_EVENTS));
  if (input.actorId) f.push(eq(auditLog.actorId, input.actorId));
  if (input.objectId) f.push(eq(auditLog.objectId, input.objectId));
  if (input.result) f.push(eq(auditLog.result, input.result));
  if (input.from) f.push(gte(auditLog.at, input.from));
  if (input.to) f.push(lte(auditLog.at, input.to));
  const where = f.length ? and(...f) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  await writeAuditLog(db, {
    actor: auditActor(actor),
    event: 'audit.search',
    detail: { filters: { ...input, from: input.from?.toISOString(), to: input.to?.toISOString() } },
  });
  return { rows, total, page, pageSize };
}
