import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications, documents, users } from '@/db/schema';
import { requestRegistrationCode } from '@/lib/server/users/request-sms-code';
import { lastSmsCode } from './sms-phone';
import { registerApplicant } from '@/lib/server/users/register-applicant';
import type { TApplicationFormInput } from '@/lib/validation/application';
import { actorOf } from './factories';

/** A complete, eligible individual application form (300,000 yuan, 36 months, a returnee). */
export function validForm(patch: (f: TApplicationFormInput) => void = () => {}): TApplicationFormInput {
  const form: TApplicationFormInput = {
    loanType: 'individual',
    applicant: { householdAddress: '重庆市开州区汉丰街道滨湖路 1 号', category: 'returning-migrant-worker', maritalStatus: 'single' },
    business: { name: '开州区小明农家乐', townCode: 'KZ001', address: '开州区汉丰街道滨湖路 8 号', industry: '餐饮住宿', foundedDate: '2025-01-10', jobsCreated: 4 },
    partners: [],
    loan: { amount: '300000', termMonths: 36, purpose: '购置厨房设备和装修店面', bankCode: 'BANK-ABC-KZ', counterGuarantee: 'guarantor', counterGuaranteeNote: '由亲属提供保证担保', priorLoans: 0, priorOverdue: false, otherLoans: false },
    returnee: { isReturnee: true, workedAwayPlace: '广东省东莞市', workedAwayYears: 8, returnYear: 2024 },
    benefits: { training: true, trainingCourse: 'SYB 创业培训', feeWaiver: true, rentWaiver: false, interestSubsidy: true, insuranceSubsidy: false, projectRecommendation: true, projectInterest: '乡村旅游', jobRecommendation: false },
  };
  patch(form);
  return form;
}

let seq = 0;
/** Each test applicant registers from an address of its own (one address may register only a few times an hour). */
const testAddress = () => `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
/** A registered applicant with a valid 身份证号 (born 1990) and a unique mobile. */
export async function registerTestApplicant(db: Db, name = '测试人') {
  seq++;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `5002341990${String((seq % 12) + 1).padStart(2, '0')}15${String(100 + seq).slice(-3)}`;
  const id = body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
  const mobile = `137${String(Date.now() % 1e5).padStart(5, '0')}${String(seq).padStart(3, '0')}`;
  // As a person registers: a code to the mobile first, then the code with the details.
  await requestRegistrationCode(db, { mobile });
  const code = await lastSmsCode(db, mobile);
  const done = await registerApplicant(db, { realName: name, idNumber: id, mobile, code, password: 'applicant pass 1', confirmPassword: 'applicant pass 1', agree: true }, testAddress());
  if (done.outcome !== 'registered') throw new Error(`test applicant ${mobile} was referred to the counter`);
  const [u] = await db.select().from(users).where(eq(users.id, done.userId));
  return actorOf(u);
}

/** Attach the documents a submission needs, as rows (the upload path is tested on its own). */
export async function attachDocuments(db: Db, applicationId: string, ownerId: string, kinds = ['id_card', 'category_proof', 'business_licence'] as const) {
  for (const kind of kinds) {
    await db.insert(documents).values({ applicationId, ownerId, kind, originalName: `${kind}.png`, mime: 'image/png', sizeBytes: 10, sha256: 'x', storageKey: `test/${kind}`, createdAt: new Date() });
  }
}

export async function stateOf(db: Db, id: string) {
  const [row] = await db.select({ state: applications.state, version: applications.version, number: applications.number }).from(applications).where(eq(applications.id, id));
  return row;
}
