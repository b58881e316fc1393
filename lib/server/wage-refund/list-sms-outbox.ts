import { count, desc, ilike } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { smsOutbox } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskMobile } from '@/lib/domain/mask';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';

export interface SmsOutboxRow {
  id: number;
  mobileMasked: string;
  /** What was sent, as staff may see it: a message with a code shows only "验证码短信已发送". */
  summary: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
  sentAt: string | null;
}

const PAGE_SIZE = 20;

/**
 * 短信发送记录: the SMS outbox as operators see it — the mobile masked, and the summary, never
 * the body (only the drain reads a body; a code message shows as "验证码短信已发送"). Each view is
 * audited. Search in the summary.
 */
export async function listSmsOutbox(db: Db, actor: Actor, opts: { q?: string; page?: number } = {}): Promise<{ rows: SmsOutboxRow[]; total: number; page: number; pageSize: number }> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const q = opts.q?.trim().slice(0, 50);
  const page = Math.min(Math.max(Math.trunc(Number(opts.page) || 1), 1), 100_000);
  const where = q ? ilike(smsOutbox.summary, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(smsOutbox).where(where),
    db
      .select({ id: smsOutbox.id, mobile: smsOutbox.mobile, summary: smsOutbox.summary, status: smsOutbox.status, createdAt: smsOutbox.createdAt, sentAt: smsOutbox.sentAt })
      .from(smsOutbox)
      .where(where)
      .orderBy(desc(smsOutbox.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
  ]);
  await writeAuditLog(db, {
    actor: auditActor(actor),
    event: 'sms_outbox.view',
    objectType: 'sms_outbox',
    detail: { q: q ?? null, page, ids: rows.map((r) => r.id) },
  }, clock());
  return {
    total: Number(total),
    page,
    pageSize: PAGE_SIZE,
    rows: rows.map((r) => ({ id: r.id, mobileMasked: maskMobile(r.mobile), summary: r.summary, status: r.status, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
  };
}
