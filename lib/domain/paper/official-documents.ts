/**
 * The official documents (文书) an application produces, and when each exists. Pure: the
 * server decides from the application's state and timeline which ones it may print, and
 * the text every such notice must carry (the appeal rights of a refusal) lives here once.
 */
import type { IsoDate } from '../dates';
import { addWorkingDays, type CalendarExceptions } from '../working-days';
import type { ApplicationState } from '../workflow/application-states';
import { DEFAULT_STAGE_DEADLINE_WORKING_DAYS } from '../workflow/review-deadlines';

export const APPLICATION_PAPERS = ['receipt', 'notice', 'supplement', 'approval', 'refusal'] as const;
export type ApplicationPaper = (typeof APPLICATION_PAPERS)[number];

export const PAPER_TITLES: Record<ApplicationPaper, string> = {
  receipt: '受理回执',
  notice: '一次性告知书',
  supplement: '补正告知书',
  approval: '审批结果通知书',
  refusal: '不予通过告知书',
};

/** The 文号 prefix of each notice: 开人社(受|告|补|批|驳) followed by the year and the application number. */
const PAPER_CODES: Record<ApplicationPaper, string> = { receipt: '受', notice: '告', supplement: '补', approval: '批', refusal: '驳' };

export function paperNumber(kind: ApplicationPaper, applicationNumber: string, year: string): string {
  return `开人社${PAPER_CODES[kind]}〔${year}〕${applicationNumber}号`;
}

/** What the timeline tells about an application, for deciding which papers exist. */
export interface PaperFacts {
  state: ApplicationState;
  submitted: boolean;
  /** A reviewer has returned it for supplement at least once. */
  everReturned: boolean;
  /** The rejection came at the HR stage, before any approval: 不予受理 rather than 不予通过. */
  rejectedAtIntake: boolean;
}

const APPROVED_STATES: readonly ApplicationState[] = ['approved', 'contracted', 'disbursed', 'repaying', 'extended', 'overdue', 'settled', 'defaulted', 'compensated'];

export function availablePapers(f: PaperFacts): ApplicationPaper[] {
  const out: ApplicationPaper[] = ['notice'];
  if (f.submitted) out.unshift('receipt');
  if (f.everReturned) out.push('supplement');
  if (APPROVED_STATES.includes(f.state)) out.push('approval');
  if (f.state === 'rejected') out.push('refusal');
  return out;
}

export function paperTitle(kind: ApplicationPaper, f: Pick<PaperFacts, 'rejectedAtIntake'>): string {
  return kind === 'refusal' && f.rejectedAtIntake ? '不予受理告知书' : PAPER_TITLES[kind];
}

/** Working days the whole review promises: the sum of the review stages' deadlines (HR, guarantee, bank). */
export const REVIEW_PROMISE_WORKING_DAYS =
  (DEFAULT_STAGE_DEADLINE_WORKING_DAYS.pending_hr ?? 0) + (DEFAULT_STAGE_DEADLINE_WORKING_DAYS.pending_guarantee ?? 0) + (DEFAULT_STAGE_DEADLINE_WORKING_DAYS.pending_bank ?? 0);

/** The date the applicant may expect a decision: the stages' working-day deadlines counted from the day of acceptance. */
export function expectedCompletionDate(acceptedOn: IsoDate, calendar: CalendarExceptions, workingDays = REVIEW_PROMISE_WORKING_DAYS): IsoDate {
  return addWorkingDays(acceptedOn, workingDays, calendar);
}

/** 行政复议法 第20条 (60 days) and 行政诉讼法 第46条 (6 months): the rights every refusal states. */
export const APPEAL_RIGHTS =
  '如对本决定不服，可以自收到本告知书之日起六十日内依法向重庆市开州区人民政府申请行政复议，' +
  '或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。';

/** The policy every notice of this scheme rests on (the rule set the engine applied is named beside it). */
export const POLICY_BASIS = [
  '《财政部 人力资源社会保障部 中国人民银行关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》（财金〔2020〕21号）',
];

/** `YYYY年M月D日` as official documents write dates. */
export function chineseDate(d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** The facts from an application's state and timeline (events in order). */
export function paperFactsFrom(app: { state: ApplicationState; number: string | null }, events: readonly { action: string; fromState: ApplicationState | null }[]): PaperFacts {
  const rejection = [...events].reverse().find((e) => e.action === 'reject');
  return { state: app.state, submitted: app.number !== null, everReturned: events.some((e) => e.action === 'return'), rejectedAtIntake: rejection?.fromState === 'pending_hr' };
}
