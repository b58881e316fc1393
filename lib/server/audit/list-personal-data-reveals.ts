import { and, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { PII_REVEAL_REASON_CODES, type PiiRevealReason } from '@/lib/domain/pii-reveal-reasons';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { writeAuditLog } from './write-audit-log';

export const REVEALS_PAGE_SIZE = 20;

export interface ListRevealsInput {
  /** Who revealed (login or name), or the application number. */
  q?: string;
  reasonCode?: string;
  /** Inclusive day range, `YYYY-MM-DD` in China time. */
  from?: string;
  to?: string;
  page?: number;
}

export interface RevealRow {
  seq: number;
  at: Date;
  actorUsername: string | null;
  actorName: string | null;
  actorRole: string | null;
  field: string | null;
  reasonCode: PiiRevealReason | null;
  reasonText: string | null;
  /** The subject, masked as recorded (name keeps the surname, 身份证号 its ends). */
  subjectName: string | null;
  subjectIdMasked: string | null;
  applicationNumber: string | null;
  result: 'success' | 'failure';
  refused: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const chinaDayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

/**
 * 个人信息查看记录: every unmask (and every refused attempt) — who, when, which number of
 * whose application (masked), and why — newest first, searched and paged. For the auditor
 * ('audit:read_log'); the search itself is audited like every other read of the log.
 */
export async function listPersonalDataReveals(db: Db, actor: Actor, input: ListRevealsInput): Promise<{ rows: RevealRow[]; total: number; page: number; pageSize: number }> {
  if (!hasPermission(actor.role, 'audit:read_log')) throw new AppError('FORBIDDEN');
  const page = Math.min(Math.max(Math.trunc(Number(input.page) || 1), 1), 100_000);
  const q = input.q?.trim().slice(0, 50) || undefined;
  const reasonCode = PII_REVEAL_REASON_CODES.find((c) => c === input.reasonCode);
  const from = input.from && DAY.test(input.from) ? chinaDayStart(input.from) : undefined;
  const to = input.to && DAY.test(input.to) ? new Date(chinaDayStart(input.to).getTime() + 86_400_000) : undefined;

  const f: SQL[] = [eq(auditLog.event, 'pii.unmask')];
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    f.push(or(ilike(users.username, like), ilike(users.realName, like), ilike(sql`${auditLog.detail}->'subject'->>'applicationNumber'`, like))!);
  }
  if (reasonCode) f.push(sql`${auditLog.detail}->>'reasonCode' = ${reasonCode}`);
  if (from && !Number.isNaN(from.getTime())) f.push(gte(auditLog.at, from));
  if (to && !Number.isNaN(to.getTime())) f.push(lt(auditLog.at, to));
  const where = and(...f);

  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ seq: auditLog.seq, at: auditLog.at, actorRole: auditLog.actorRole, result: auditLog.result, detail: auditLog.detail, actorUsername: users.username, actorName: users.realName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(REVEALS_PAGE_SIZE)
      .offset((page - 1) * REVEALS_PAGE_SIZE),
    db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where),
  ]);
  await writeAuditLog(db, { actor: auditActor(actor), event: 'audit.search', detail: { view: 'pii_reveals', filters: { q: q ?? null, reasonCode: reasonCode ?? null, from: input.from ?? null, to: input.to ?? null, page } } });

  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    rows: rows.map((r) => {
      const d = (r.detail ?? {}) as Record<string, unknown>;
      const s = (d.subject ?? {}) as Record<string, unknown>;
      return {
        seq: r.seq, at: r.at, actorUsername: r.actorUsername, actorName: r.actorName, actorRole: r.actorRole,
        field: text(d.field), reasonCode: (PII_REVEAL_REASON_CODES.find((c) => c === d.reasonCode) ?? null), reasonText: text(d.reasonText),
        subjectName: text(s.name), subjectIdMasked: text(s.idNumberMasked), applicationNumber: text(s.applicationNumber),
        result: r.result, refused: text(d.refused),
      };
    }),
    total,
    page,
    pageSize: REVEALS_PAGE_SIZE,
  };
}
