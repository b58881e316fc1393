import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db } from '@/db/client';
import { applicationEvents, documents, organisations, users, type ReturnItem } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { DOCUMENT_KIND_LABELS } from '@/lib/domain/file-sniff';
import { amountInChineseCapitals } from '@/lib/domain/paper/chinese-capitals';
import {
  APPEAL_RIGHTS, POLICY_BASIS, availablePapers, paperFactsFrom, chineseDate, expectedCompletionDate, paperNumber, paperTitle, REVIEW_PROMISE_WORKING_DAYS, type ApplicationPaper,
} from '@/lib/domain/paper/official-documents';
import { formatYuan } from '@/lib/domain/money';
import { STATE_LABELS } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { openForm } from '@/lib/server/applications/application-form-store';
import { requiredDocumentKinds } from '@/lib/server/applications/check-submission';
import type { Actor } from '@/lib/server/auth/actor';
import { loadCalendar } from '@/lib/server/calendar/load-calendar';
import { now, todayInChina } from '@/lib/server/clock';
import { LOAN_TYPE_LABELS } from '@/lib/validation/application';
import { RETURNABLE_FIELDS } from '@/lib/validation/return-fields';

export interface ApplicationPaperView {
  kind: ApplicationPaper;
  title: string;
  /** 文号. */
  number: string;
  applicationId: string;
  applicationNumber: string;
  issuer: string;
  /** 落款日期 (China date, 年月日). */
  issuedOn: string;
  printedAt: string;
  applicant: { name: string; idNumberMasked: string | null; businessName: string | null };
  loanType: string;
  requestedYuan: string | null;
  requestedCapitals: string | null;
  bankName: string | null;
  state: string;
  /** 受理回执. */
  receipt?: { acceptedOn: string; expectedBy: string; workingDays: number; received: { label: string; name: string }[]; statusUrl: string; qrDataUrl: string };
  /** 一次性告知书 and 补正告知书: what to bring or fix. */
  materials?: { label: string; note: string }[];
  /** 审批结果通知书. */
  approval?: { decidedOn: string; amountYuan: string | null; amountCapitals: string | null; termMonths: number | null };
  /** 不予受理/不予通过告知书. */
  refusal?: { decidedOn: string; stage: string; reason: string; basis: string[]; appealRights: string };
}

/** Which staff may print an application's notices: the reviewers and the auditor, within their scope. */
const STAFF_READERS = ['review:access', 'audit:access'] as const;

/**
 * One official document of an application, as its print view shows it. The applicant reads
 * only their own; staff with a reviewer's or the auditor's permission only within their
 * application scope (a bank only the applications routed to it). A document that does not
 * exist yet (a refusal notice for an approved application, …) is NOT_FOUND.
 */
export async function getApplicationPaper(db: Db, actor: Actor, applicationId: string, kind: ApplicationPaper): Promise<ApplicationPaperView> {
  const own = hasPermission(actor.role, 'application:read_own');
  if (!own && !STAFF_READERS.some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
  const app = await loadScopedApplication(db, actor, applicationId);
  if (own && app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');

  const events = await db
    .select({ at: applicationEvents.at, action: applicationEvents.action, fromState: applicationEvents.fromState, reason: applicationEvents.reason, items: applicationEvents.items, actorId: applicationEvents.actorId })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.id));
  const submittedEvent = events.find((e) => e.action === 'submit');
  const returns = events.filter((e) => e.action === 'return');
  const rejection = [...events].reverse().find((e) => e.action === 'reject');
  const approval = [...events].reverse().find((e) => e.action === 'approve' && e.fromState === 'pending_bank');
  const facts = paperFactsFrom(app, events);
  if (!availablePapers(facts).includes(kind)) throw new AppError('NOT_FOUND', { userMessage: '该申请暂无此文书' });

  const t = now();
  const form = openForm(app.formEnc);
  const decider = kind === 'supplement' ? returns.at(-1) : kind === 'approval' ? approval : kind === 'refusal' ? rejection : undefined;
  const issuerOrg = await issuerOf(db, decider?.actorId ?? null);
  const [bank] = app.bankOrgId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.bankOrgId)) : [];
  const issuedDate = todayInChina(decider?.at ?? (kind === 'receipt' ? (submittedEvent?.at ?? app.submittedAt ?? t) : t));
  const requested = app.requestedAmountFen;
  const view: ApplicationPaperView = {
    kind,
    title: paperTitle(kind, facts),
    number: paperNumber(kind, app.number ?? '（草稿）', issuedDate.slice(0, 4)),
    applicationId: app.id,
    applicationNumber: app.number ?? '（草稿，尚未受理）',
    issuer: issuerOrg,
    issuedOn: chineseDate(issuedDate),
    printedAt: chinaDateTime(t),
    applicant: { name: app.applicantName, idNumberMasked: app.idNumberMasked, businessName: app.businessName },
    // 个人创业担保贷款, 合伙创业担保贷款, 小微企业创业担保贷款.
    loanType: `${LOAN_TYPE_LABELS[app.loanType]}${LOAN_TYPE_LABELS[app.loanType].endsWith('创业') ? '' : '创业'}担保贷款`,
    requestedYuan: requested === null ? null : formatYuan(requested),
    requestedCapitals: requested === null ? null : amountInChineseCapitals(requested),
    bankName: bank?.name ?? null,
    state: STATE_LABELS[app.state],
  };

  if (kind === 'receipt') {
    const acceptedOn = todayInChina(submittedEvent?.at ?? app.submittedAt ?? t);
    const docs = await db
      .select({ kind: documents.kind, name: documents.originalName })
      .from(documents)
      .where(and(eq(documents.applicationId, app.id), isNull(documents.deletedAt)))
      .orderBy(asc(documents.createdAt));
    const statusUrl = `${(env().NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '')}/portal/applications/${app.id}`;
    view.receipt = {
      acceptedOn: chineseDate(acceptedOn),
      expectedBy: chineseDate(expectedCompletionDate(acceptedOn, await loadCalendar(db))),
      workingDays: REVIEW_PROMISE_WORKING_DAYS,
      received: docs.map((d) => ({ label: DOCUMENT_KIND_LABELS[d.kind], name: d.name })),
      statusUrl,
      qrDataUrl: await QRCode.toDataURL(statusUrl, { margin: 1, width: 160, errorCorrectionLevel: 'M' }),
    };
  }
  if (kind === 'notice') {
    view.materials = requiredDocumentKinds({ business: { uscc: (form.business as { uscc?: string } | undefined)?.uscc } } as Parameters<typeof requiredDocumentKinds>[0]).map((k) => ({ label: DOCUMENT_KIND_LABELS[k], note: MATERIAL_NOTES[k] ?? '' }));
  }
  if (kind === 'supplement') {
    const last = returns.at(-1)!;
    view.materials = ((last.items ?? []) as ReturnItem[]).map((i) => ({ label: RETURNABLE_FIELDS[i.field] ?? '申请信息', note: i.note }));
  }
  if (kind === 'approval' && approval) {
    view.approval = { decidedOn: chineseDate(todayInChina(approval.at)), amountYuan: view.requestedYuan, amountCapitals: view.requestedCapitals, termMonths: app.termMonths };
  }
  if (kind === 'refusal' && rejection) {
    const ruleSet = ruleSetTitle(app.engineResult);
    view.refusal = {
      decidedOn: chineseDate(todayInChina(rejection.at)),
      stage: rejection.fromState ? STATE_LABELS[rejection.fromState].replace(/^待/, '') : '审核',
      reason: rejection.reason ?? '',
      basis: ruleSet ? [...POLICY_BASIS, ruleSet] : [...POLICY_BASIS],
      appealRights: APPEAL_RIGHTS,
    };
  }
  return view;
}

const MATERIAL_NOTES: Partial<Record<keyof typeof DOCUMENT_KIND_LABELS, string>> = {
  id_card: '申请人居民身份证正反面（原件扫描件或照片，字迹清晰）',
  category_proof: '人员类别证明：如返乡创业农民工的外出务工证明、高校毕业生的毕业证书、退役军人的退役证等',
  business_licence: '营业执照（已办理登记的须提供）',
};

/** The issuing organisation: the one of the staff member who decided; else the HR office that accepts applications. */
async function issuerOf(db: Db, actorId: string | null): Promise<string> {
  if (actorId) {
    const [row] = await db.select({ name: organisations.name }).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(eq(users.id, actorId));
    if (row) return row.name;
  }
  const [hr] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .innerJoin(users, eq(users.orgId, organisations.id))
    .where(and(eq(organisations.kind, 'hr_bureau'), inArray(users.role, ['hr_reviewer'])))
    .orderBy(desc(organisations.id))
    .limit(1);
  if (hr) return hr.name;
  const [any] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.kind, 'hr_bureau')).orderBy(asc(organisations.id)).limit(1);
  return any?.name ?? '人力资源和社会保障部门';
}

function ruleSetTitle(engine: unknown): string | null {
  const rs = (engine as { ruleSet?: { title?: unknown; id?: unknown; version?: unknown } } | null)?.ruleSet;
  if (!rs) return null;
  if (typeof rs.title === 'string') return `适用政策规则：${rs.title}`;
  if (typeof rs.id === 'string') return `适用政策规则：${rs.id}${typeof rs.version === 'string' ? ` ${rs.version}` : ''}`;
  return null;
}

const chinaDateTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
