import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications } from '@/db/schema';
import { seedCatalog } from '@/db/seed/catalog';
import { decideBenefitItem } from '@/lib/server/benefits/decide-benefit-item';
import { listBenefitDecisions } from '@/lib/server/benefits/list-benefit-decisions';
import { listCatalogItems } from '@/lib/server/catalog/list-catalog-items';
import { BENEFIT_CATALOG } from '@/lib/validation/benefits';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import type { Actor } from '@/lib/server/auth/actor';
import { decideApplication } from '@/lib/server/review/decide-application';
import { recordContract } from '@/lib/server/review/record-contract';
import { recordDisbursement } from '@/lib/server/review/record-disbursement';
import { actorOf, createUser } from './factories';
import { attachDocuments, registerTestApplicant, stateOf, validForm } from './application-fixtures';

export interface Cast {
  hr: Actor;
  guarantee: Actor;
  bank: Actor;
  otherBank: Actor;
  finance: Actor;
  admin: Actor;
  /** A second system administrator and two security administrators: administration is maker-checker. */
  admin2: Actor;
  security: Actor;
  security2: Actor;
  auditor: Actor;
}

export async function createCast(db: Db): Promise<Cast> {
  const mk = async (role: Parameters<typeof createUser>[1]['role'], orgCode: string) => actorOf(await createUser(db, { role, orgCode }));
  return {
    hr: await mk('hr_reviewer', 'KZ-EMP'),
    guarantee: await mk('guarantee_reviewer', 'KZ-GUAR'),
    bank: await mk('bank_officer', 'BANK-ABC-KZ'),
    otherBank: await mk('bank_officer', 'BANK-CQRCB-KZ'),
    finance: await mk('finance_officer', 'KZ-FIN'),
    admin: await mk('admin', 'KZ-OPS'),
    admin2: await mk('admin', 'KZ-OPS'),
    security: await mk('security_admin', 'KZ-OPS'),
    security2: await mk('security_admin', 'KZ-OPS'),
    auditor: await mk('auditor', 'KZ-AUDIT'),
  };
}

/** HR decides every requested 三免两贴两推荐 item (granting each, from the seeded catalogue). */
export async function decideAllBenefits(db: Db, hr: Actor, applicationId: string) {
  await seedCatalog(db);
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const catalogue = await listCatalogItems(db);
  for (const { item } of await listBenefitDecisions(db, app)) {
    const kind = BENEFIT_CATALOG[item];
    await decideBenefitItem(db, hr, { applicationId, item, granted: true, ...(kind ? { catalogItemIds: [catalogue.find((c) => c.kind === kind)!.id] } : {}), ...(item === 'rentWaiver' ? { rentMonths: 3 } : {}) });
  }
}

const ORDER: ApplicationState[] = ['draft', 'pending_hr', 'pending_guarantee', 'pending_bank', 'approved', 'contracted', 'disbursed'];

/** A new application of a new applicant, walked through the real use-cases up to `target`. Routed to BANK-ABC-KZ. */
export async function applicationAt(db: Db, cast: Cast, target: ApplicationState) {
  const applicant = await registerTestApplicant(db);
  const { applicationId: id } = await createDraftApplication(db, applicant, { loanType: 'individual' });
  await attachDocuments(db, id, applicant.userId);
  const steps: Record<string, () => Promise<unknown>> = {
    pending_hr: () => submitApplication(db, applicant, { applicationId: id, form: validForm() }),
    pending_guarantee: async () => {
      await decideAllBenefits(db, cast.hr, id);
      return decideApplication(db, cast.hr, { applicationId: id, version: (await stateOf(db, id)).version, decision: 'approve' });
    },
    pending_bank: async () => decideApplication(db, cast.guarantee, { applicationId: id, version: (await stateOf(db, id)).version, decision: 'approve' }),
    approved: async () => decideApplication(db, cast.bank, { applicationId: id, version: (await stateOf(db, id)).version, decision: 'approve' }),
    contracted: async () =>
      recordContract(db, cast.bank, { applicationId: id, version: (await stateOf(db, id)).version, contractNo: `HT-${id.slice(0, 8)}`, principal: '300000', annualRate: '3.50', termMonths: 36, contractDate: '2026-01-15' }),
    disbursed: async () =>
      recordDisbursement(db, cast.bank, { applicationId: id, version: (await stateOf(db, id)).version, disbursedDate: '2026-01-16', amount: '300000', drawdownNo: `JJ-${id.slice(0, 8)}`, payoutAccount: '6228480010000000001' }),
  };
  for (const s of ORDER.slice(1, ORDER.indexOf(target) + 1)) await steps[s]();
  return { id, applicant };
}
