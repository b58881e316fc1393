import { beforeAll, expect, it } from 'vitest';
import { seedCatalog } from '@/db/seed/catalog';
import { decideBenefitItem } from '@/lib/server/benefits/decide-benefit-item';
import { listBenefitDecisions } from '@/lib/server/benefits/list-benefit-decisions';
import { listCatalogItems } from '@/lib/server/catalog/list-catalog-items';
import { saveCatalogItem } from '@/lib/server/catalog/save-catalog-item';
import { decideApplication } from '@/lib/server/review/decide-application';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { attachDocuments, registerTestApplicant, stateOf, validForm } from '../helpers/application-fixtures';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

describeDb('三免两贴两推荐 decided item by item by HR', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    await seedCatalog(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });

  async function submitted(patch: Parameters<typeof validForm>[0] = () => {}) {
    const a = await registerTestApplicant(ctx.h.db);
    const { applicationId } = await createDraftApplication(ctx.h.db, a, { loanType: 'individual' });
    await attachDocuments(ctx.h.db, applicationId, a.userId);
    await submitApplication(ctx.h.db, a, { applicationId, form: validForm(patch) });
    return applicationId;
  }

  it('HR cannot approve eligibility until every requested item is decided; rent months follow the rule set', async () => {
    const id = await submitted((f) => {
      f.benefits.rentWaiver = true;
      f.benefits.rentPremises = '开州区创业孵化园 3 号楼';
      f.benefits.rentMonthly = '1500';
    });
    const approve = async () => decideApplication(ctx.h.db, cast.hr, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, decision: 'approve' });
    const err = await approve().catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.userMessage).toContain('免国有资产租金');

    const courses = await listCatalogItems(ctx.h.db, { kind: 'training_course' });
    const projects = await listCatalogItems(ctx.h.db, { kind: 'industry_project' });
    await expect(decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'rentWaiver', granted: true, rentMonths: 7 })).rejects.toMatchObject({ fieldErrors: { rentMonths: expect.stringContaining('3 至 6') } });
    await expect(decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'jobRecommendation', granted: true, catalogItemIds: [1] })).rejects.toMatchObject({ fieldErrors: { item: '申请人未申请该事项' } });
    await expect(decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'training', granted: true, catalogItemIds: [projects[0].id] })).rejects.toMatchObject({ fieldErrors: { catalogItemIds: '所选目录项不存在或已停用' } });

    await decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'rentWaiver', granted: true, rentMonths: 6 });
    await decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'training', granted: true, catalogItemIds: [courses[0].id] });
    await decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'feeWaiver', granted: false, note: '已在他处享受' });
    await decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'interestSubsidy', granted: true });
    await decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'projectRecommendation', granted: true, catalogItemIds: [projects[0].id, projects[1].id] });
    expect((await approve()).state).toBe('pending_guarantee');

    const [app] = await ctx.h.query<{ id: string; form_enc: string }>(`select id, form_enc from applications where id = $1`, [id]);
    const decisions = await listBenefitDecisions(ctx.h.db, { id: app.id, formEnc: app.form_enc });
    expect(decisions.find((d) => d.item === 'rentWaiver')?.decision).toMatchObject({ granted: true, rentMonths: 6, waivedAmount: '9000.00' });
    expect(decisions.find((d) => d.item === 'feeWaiver')?.decision).toMatchObject({ granted: false, note: '已在他处享受' });
    expect(decisions.find((d) => d.item === 'projectRecommendation')?.decision?.catalogNames).toEqual([projects[0].name, projects[1].name]);
    // After the HR stage, items are closed.
    await expect(decideBenefitItem(ctx.h.db, cast.hr, { applicationId: id, item: 'training', granted: false, note: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('only HR decides items, and only HR or the administrator maintain the catalogue; refusals write nothing', async () => {
    const id = await submitted();
    const before = await tableCounts(ctx.h.db, ['benefit_decisions', 'catalog_items', 'audit_log']);
    for (const a of [cast.guarantee, cast.bank, cast.finance, cast.admin, cast.auditor]) {
      await expect(decideBenefitItem(ctx.h.db, a, { applicationId: id, item: 'interestSubsidy', granted: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const a of [cast.bank, cast.finance, cast.auditor]) {
      await expect(saveCatalogItem(ctx.h.db, a, { kind: 'job', name: '测试岗位' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await tableCounts(ctx.h.db, ['benefit_decisions', 'catalog_items', 'audit_log'])).toEqual(before);
    const { id: itemId } = await saveCatalogItem(ctx.h.db, cast.admin, { kind: 'job', name: '开州区餐饮服务员' });
    await saveCatalogItem(ctx.h.db, cast.hr, { id: itemId, kind: 'job', name: '开州区餐饮服务员', active: false });
    expect((await listCatalogItems(ctx.h.db, { kind: 'job' })).some((c) => c.id === itemId)).toBe(false);
    await expect(saveCatalogItem(ctx.h.db, cast.hr, { kind: 'job', name: '开州区餐饮服务员' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
