import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { hiringFilingHires, hiringFilings, notifications, users, type HiringFiling } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';
import { openMobile } from '@/lib/server/crypto/pii';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { HIRING_SCHEME_LABELS, ZHiringDecisionSchema } from '@/lib/validation/hiring';
import { checkHiringFiling } from './check-hiring-filings';
import { decideHiringFilingTransition } from '@/lib/domain/workflow/money-workflow';
import { computeFiling, priorSubsidies } from './hiring-engine';

/** Serialises approvals, so two filings naming one person cannot both pay them. */
const APPROVAL_LOCK = 72707105;

/**
 * HR's decision on a filing. Approve: the engine computes each hire (a person already
 * subsidised in another approved or batched filing, under either scheme, gets 0 with the
 * reason) and the total; reject: a reason is required. Maker-checker: the filer can never
 * decide their own filing. Stale versions conflict. The filer is notified (in-app and SMS,
 * without personal data).
 */
export async function decideHiringFiling(db: Db, actor: Actor, raw: unknown): Promise<HiringFiling> {
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZHiringDecisionSchema, raw);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPROVAL_LOCK})`);
    const [filing] = await tx.select().from(hiringFilings).where(eq(hiringFilings.id, input.filingId)).for('update');
    if (!filing) throw new AppError('NOT_FOUND');
    if (filing.filedBy === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能审核本人提交的申报' });
    const move = decideHiringFilingTransition(filing.status, input.decision);
    if (!move.ok) throw new AppError('CONFLICT', { userMessage: '该申报已审核，请刷新后查看' });
    if (filing.version !== input.version) throw new AppError('CONFLICT');

    let updated: HiringFiling;
    if (input.decision === 'reject') {
      [updated] = await tx
        .update(hiringFilings)
        .set({ status: move.to, decidedBy: actor.userId, decisionReason: input.reason!, version: filing.version + 1, updatedAt: t })
        .where(and(eq(hiringFilings.id, filing.id), eq(hiringFilings.version, filing.version)))
        .returning();
    } else {
      const hires = await tx.select().from(hiringFilingHires).where(eq(hiringFilingHires.filingId, filing.id)).orderBy(asc(hiringFilingHires.id));
      const computed = computeFiling(filing, hires, await priorSubsidies(tx, filing.id, hires), catalog);
      for (const h of hires) await tx.update(hiringFilingHires).set({ amountFen: computed.perHire.get(h.id)! }).where(eq(hiringFilingHires.id, h.id));
      [updated] = await tx
        .update(hiringFilings)
        .set({ status: move.to, decidedBy: actor.userId, decisionReason: input.reason ?? null, amountFen: computed.amountFen, result: computed.result, version: filing.version + 1, updatedAt: t })
        .where(and(eq(hiringFilings.id, filing.id), eq(hiringFilings.version, filing.version)))
        .returning();
    }
    if (!updated) throw new AppError('CONFLICT');
    await writeAuditLog(tx, {
      actor: auditActor(actor),
      event: `hiring.${input.decision}`,
      objectType: 'hiring_filing',
      objectId: filing.id,
      // What HR was warned of when deciding (filer not the enterprise's contact, payee name differs).
      detail: { number: filing.number, version: updated.version, amountFen: updated.amountFen?.toString() ?? null, warnings: (await checkHiringFiling(tx, filing)).warnings.map((w) => w.code) },
    }, t);
    await notifyFiler(tx, updated, t);
    return updated;
  });
}

async function notifyFiler(tx: Tx, f: HiringFiling, t: Date) {
  const verdict = f.status === 'approved' ? `审核通过，核定补贴 ${formatYuan(f.amountFen ?? 0n)} 元` : '未通过审核';
  const title = `您的${HIRING_SCHEME_LABELS[f.scheme]}申报${f.number}：${f.status === 'approved' ? '审核通过' : '未通过'}`;
  await tx.insert(notifications).values({ userId: f.filedBy, title, body: f.status === 'rejected' ? `${verdict}。理由：${f.decisionReason}` : `${verdict}，将纳入年度拨付批次。`, createdAt: t });
  const [filer] = await tx.select({ mobileEnc: users.mobileEnc }).from(users).where(eq(users.id, f.filedBy));
  const mobile = openMobile(filer?.mobileEnc);
  if (mobile) await enqueueSms(tx, { userId: f.filedBy, mobile, body: `【开州就业】${title}，详情请登录服务平台查看。` }, t);
}
