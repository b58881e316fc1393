import { beforeAll, expect, it } from 'vitest';
import { createOrganisation } from '@/lib/server/organisations/create-organisation';
import { listOrganisationDirectory } from '@/lib/server/organisations/list-organisation-directory';
import { renameOrganisation } from '@/lib/server/organisations/rename-organisation';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { describeDb } from '../helpers/test-db';
import { viaApproval } from '../helpers/admin-requests';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const COUNTED = ['organisations', 'users', 'audit_log', 'api_tokens'];

describeDb('organisations: the administrator adds and renames them', (ctx) => {
  let cast: Cast;
  const db = () => ctx.h.db;
  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
  });

  it('a new partner bank can be added, then staffed and given an API token; the audit log records it', async () => {
    const org = await createOrganisation(db(), cast.admin, { code: ' bank-icbc-kz ', name: '中国工商银行开州支行', kind: 'bank' });
    expect(org.code).toBe('BANK-ICBC-KZ');
    const dir = await listOrganisationDirectory(db(), cast.admin);
    expect(dir.find((o) => o.code === 'BANK-ICBC-KZ')).toMatchObject({ name: '中国工商银行开州支行', kind: 'bank', activeStaff: 0 });
    await viaApproval(db(), cast.admin, cast.admin2, { kind: 'create_user', username: 'icbc_officer', realName: '钱程', role: 'bank_officer', orgCode: 'BANK-ICBC-KZ', mobile: '17722223333' });
    expect((await listOrganisationDirectory(db(), cast.admin)).find((o) => o.code === 'BANK-ICBC-KZ')?.activeStaff).toBe(1);
    await expect(viaApproval(db(), cast.security, cast.security2, { kind: 'issue_api_token', bankCode: 'BANK-ICBC-KZ', name: '核心系统' })).resolves.toMatchObject({ shownOnce: { token: expect.stringMatching(/^kzb_/) } });
    const audit = await ctx.h.query<{ detail: { code: string } }>(`select detail from audit_log where event = 'organisation.create'`);
    expect(audit.map((a) => a.detail.code)).toContain('BANK-ICBC-KZ');
    // A bank's staff cannot be made HR: role and organisation kind must match.
    await expect(proposeAdminRequest(db(), cast.admin, { kind: 'create_user', username: 'icbc_hr', realName: '钱程', role: 'hr_reviewer', orgCode: 'BANK-ICBC-KZ', mobile: '17722224444', reason: '新入职' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('bad input, a duplicate code and other roles are refused with a clear message and change nothing', async () => {
    const before = await tableCounts(db(), COUNTED);
    await expect(createOrganisation(db(), cast.admin, { code: 'BANK-ABC-KZ', name: '重复的银行名称', kind: 'bank' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS', userMessage: '机构代码 BANK-ABC-KZ 已存在' });
    await expect(createOrganisation(db(), cast.admin, { code: '1-BAD', name: '某某机构', kind: 'bank' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { code: expect.stringContaining('机构代码') } });
    await expect(createOrganisation(db(), cast.admin, { code: 'NEW-ORG', name: '某某机构', kind: 'ministry' })).rejects.toMatchObject({ fieldErrors: { kind: '请选择机构类型' } });
    await expect(createOrganisation(db(), cast.admin, { code: 'NEW-ORG', name: '某', kind: 'bank' })).rejects.toMatchObject({ fieldErrors: { name: '机构名称至少 4 个字' } });
    await expect(createOrganisation(db(), cast.admin, { code: 'NEW-ORG', name: '某某机构', kind: 'bank', id: 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const who of [cast.hr, cast.finance, cast.bank, cast.auditor]) {
      await expect(createOrganisation(db(), who, { code: 'NEW-ORG', name: '某某机构', kind: 'bank' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(renameOrganisation(db(), who, { code: 'BANK-ABC-KZ', name: '被改掉的名字' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listOrganisationDirectory(db(), who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(renameOrganisation(db(), cast.admin, { code: 'NO-SUCH-ORG', name: '不存在的机构' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    expect((await ctx.h.query<{ name: string }>(`select name from organisations where code = 'BANK-ABC-KZ'`))[0].name).toBe('中国农业银行重庆开州支行');
  });

  it('a rename keeps the code and kind, is audited with the old and new name, and the same name twice writes nothing', async () => {
    await renameOrganisation(db(), cast.admin, { code: 'BANK-PSBC-KZ', name: '中国邮政储蓄银行开州区支行' });
    const [row] = await ctx.h.query<{ name: string; kind: string }>(`select name, kind from organisations where code = 'BANK-PSBC-KZ'`);
    expect(row).toEqual({ name: '中国邮政储蓄银行开州区支行', kind: 'bank' });
    const [audit] = await ctx.h.query<{ detail: Record<string, string> }>(`select detail from audit_log where event = 'organisation.rename'`);
    expect(audit.detail).toMatchObject({ code: 'BANK-PSBC-KZ', from: '中国邮政储蓄银行重庆开州区支行', to: '中国邮政储蓄银行开州区支行' });
    const before = await tableCounts(db(), COUNTED);
    await renameOrganisation(db(), cast.admin, { code: 'BANK-PSBC-KZ', name: '中国邮政储蓄银行开州区支行' });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
  });
});
