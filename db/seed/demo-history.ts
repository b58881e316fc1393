import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { annualTargets, applications, loans, organisations, subsidyBatches, subsidyLines, users } from '../schema';
import { maskIdNumber } from '@/lib/domain/mask';
import { blindIndex, encryptPii, sealMobile } from '@/lib/server/crypto/pii';
import { applicantUsername } from '@/lib/server/users/applicant-username';
import { ZApplicationFormSchema, type TApplicationFormInput } from '@/lib/validation/application';
import { KAIZHOU_TOWNS } from './towns';

const CATEGORIES = ['returning-migrant-worker', 'graduate', 'veteran', 'rural-entrepreneur', 'registered-unemployed', 'online-merchant'];
const SURNAMES = '张王李刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋';

function idNumber(i: number): string {
  const body = `50023419${85 + (i % 12)}0${1 + (i % 9)}1${i % 9}${String(100 + i).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, c, k) => s + Number(c) * w[k], 0) % 11];
}

/** The demo loan of index i in 2025: deterministic amounts, months, towns and categories. */
export function demoLoan2025(i: number) {
  const month = (i % 12) + 1;
  return {
    amountFen: BigInt(100_000 + (i % 5) * 50_000) * 100n,
    disbursedDate: `2025-${String(month).padStart(2, '0')}-${String(5 + (i % 20)).padStart(2, '0')}`,
    townCode: KAIZHOU_TOWNS[i % 8].code,
    category: CATEGORIES[i % CATEGORIES.length],
    jobs: 2 + (i % 4),
    isReturnee: i % 3 !== 2,
  };
}

const INDUSTRIES = ['餐饮住宿', '农产品加工', '乡村旅游', '电子商务', '居民服务', '农林牧渔'] as const;

/**
 * The demo loan's full application form, valid under the application schema, so every page
 * that opens it (reviewer, auditor, applicant) shows a real application.
 */
export function demoForm2025(i: number, name: string, l: ReturnType<typeof demoLoan2025>): TApplicationFormInput {
  const town = KAIZHOU_TOWNS[i % 8];
  return {
    loanType: 'individual',
    applicant: { householdAddress: `重庆市开州区${town.name}${10 + i} 号`, category: l.category, maritalStatus: 'single' },
    business: { name: `${name}的创业项目`, townCode: l.townCode, address: `重庆市开州区${town.name}商业街 ${i + 1} 号`, industry: INDUSTRIES[i % INDUSTRIES.length], foundedDate: '2024-11-01', jobsCreated: l.jobs },
    partners: [],
    loan: { amount: (l.amountFen / 100n).toString(), termMonths: 36, purpose: '购置经营设备和补充流动资金', bankCode: 'BANK-ABC-KZ', counterGuarantee: 'guarantor', counterGuaranteeNote: '由亲属提供保证担保', priorLoans: 0, priorOverdue: false, otherLoans: false },
    returnee: l.isReturnee ? { isReturnee: true, workedAwayPlace: '广东省东莞市', workedAwayYears: 5, returnYear: 2024 } : { isReturnee: false },
    benefits: { training: false, feeWaiver: false, rentWaiver: false, interestSubsidy: true, insuranceSubsidy: false, projectRecommendation: false, jobRecommendation: false },
  };
}

export const DEMO_HISTORY = { loans: 24, interestPaidLines: 12, wageRefundPaid: 3 } as const;

/**
 * A year of demo history (2025) so the scorecard has figures to show: 24 loans across
 * towns and categories, one reconciled 贴息 batch and one 稳岗返还 batch, and targets.
 * Demo data only; idempotent (skipped when its batches exist).
 */
export async function seedDemoHistory(db: DbOrTx, passwordHash: string) {
  const [done] = await db.select({ id: subsidyBatches.id }).from(subsidyBatches).where(eq(subsidyBatches.number, 'DEMO-TX-2025Q3'));
  if (done) return;
  const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'BANK-ABC-KZ'));
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'bank'));
  const t = new Date('2025-12-31T08:00:00Z');
  const appIds: string[] = [];
  for (let i = 0; i < DEMO_HISTORY.loans; i++) {
    const l = demoLoan2025(i);
    const id = idNumber(i);
    const name = `${SURNAMES[i % SURNAMES.length]}演示${i + 1}`;
    const userId = crypto.randomUUID();
    const [u] = await db
      .insert(users)
      .values({ id: userId, username: applicantUsername(userId), ...sealMobile(`1390000${String(i).padStart(4, '0')}`), realName: name, role: 'applicant', passwordHash, idNumberHash: blindIndex('id', id), idNumberEnc: encryptPii(id), idNumberMasked: maskIdNumber(id) })
      .returning({ id: users.id });
    const [app] = await db
      .insert(applications)
      .values({
        number: `KZ2025${String(900 + i).padStart(6, '0')}`,
        applicantId: u.id,
        loanType: 'individual',
        state: 'repaying',
        bankOrgId: bank.id,
        formEnc: encryptPii(JSON.stringify(ZApplicationFormSchema.parse(demoForm2025(i, name, l)))),
        applicantName: name,
        idNumberMasked: maskIdNumber(id),
        idNumberHash: blindIndex('id', id),
        businessName: `${name}的创业项目`,
        townCode: l.townCode,
        category: l.category,
        requestedAmountFen: l.amountFen,
        termMonths: 36,
        jobsCreated: l.jobs,
        isReturnee: l.isReturnee,
        submittedAt: new Date(`${l.disbursedDate}T00:00:00+08:00`),
        createdAt: t,
        updatedAt: t,
      })
      .returning({ id: applications.id });
    appIds.push(app.id);
    await db.insert(loans).values({
      applicationId: app.id,
      bankOrgId: bank.id,
      contractNo: `DEMO-HT-2025-${i + 1}`,
      annualRateUnits: 35000n,
      principalFen: l.amountFen,
      termMonths: 36,
      contractDate: l.disbursedDate,
      maturityDate: `2028${l.disbursedDate.slice(4)}`,
      rateCheck: { regime: 'C', lpr: '3.00', rateCap: '3.50', demo: true },
      disbursedDate: l.disbursedDate,
      disbursedFen: l.amountFen,
      drawdownNo: `DEMO-JJ-2025-${i + 1}`,
      recordedBy: staff.id,
      createdAt: t,
      updatedAt: t,
    });
  }
  const paidAt = new Date('2025-10-15T02:00:00Z');
  // Each batch with its lines in one transaction: the database checks at commit that a batch's
  // count and total are its lines', and accepts lines only while the batch is 'prepared'.
  await db.transaction(async (t2) => {
    const [tx] = await t2
      .insert(subsidyBatches)
      .values({ number: 'DEMO-TX-2025Q3', kind: 'interest', period: '2025Q3', bankOrgId: bank.id, status: 'prepared', lineCount: DEMO_HISTORY.interestPaidLines, totalFen: 0n, createdAt: paidAt, updatedAt: paidAt })
      .returning({ id: subsidyBatches.id });
    let total = 0n;
    for (let i = 0; i < DEMO_HISTORY.interestPaidLines; i++) {
      const amount = BigInt(80_000 + i * 1_500);
      total += amount;
      await t2.insert(subsidyLines).values({ batchId: tx.id, seq: i + 1, subjectKey: `interest:${appIds[i]}:2025-06-21`, applicationId: appIds[i], payeeName: `演示借款人${i + 1}`, amountFen: amount, detail: { demo: true }, status: 'paid', settledAt: paidAt });
    }
    await t2.update(subsidyBatches).set({ totalFen: total, status: 'reconciled' }).where(eq(subsidyBatches.id, tx.id));
  });
  await db.transaction(async (t2) => {
    const [wr] = await t2
      .insert(subsidyBatches)
      .values({ number: 'DEMO-WR-2024', kind: 'wage_refund', period: '2024', status: 'prepared', lineCount: DEMO_HISTORY.wageRefundPaid, totalFen: 1_200_000n * BigInt(DEMO_HISTORY.wageRefundPaid), createdAt: paidAt, updatedAt: paidAt })
      .returning({ id: subsidyBatches.id });
    for (let i = 0; i < DEMO_HISTORY.wageRefundPaid; i++) {
      await t2.insert(subsidyLines).values({ batchId: wr.id, seq: i + 1, subjectKey: `wage:DEMO${i}:2024`, payeeName: `开州区演示企业${i + 1}`, amountFen: 1_200_000n, detail: { demo: true }, status: 'paid', settledAt: paidAt });
    }
    await t2.update(subsidyBatches).set({ status: 'reconciled' }).where(eq(subsidyBatches.id, wr.id));
  });
  const targets = { loan_amount: 600_000_000n, loan_people: 30n, jobs_created: 100n, interest_subsidy: 2_000_000n, wage_refund_enterprises: 5n, wage_refund_amount: 5_000_000n, returnees_helped: 20n };
  for (const [metric, target] of Object.entries(targets)) {
    await db.insert(annualTargets).values({ year: 2025, metric, target, updatedAt: t }).onConflictDoNothing();
  }
}
