import { z } from './zod';
import { ORG_KINDS, type OrgKind } from '@/lib/domain/role-orgs';

export { ORG_KINDS };

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  hr_bureau: '人社部门',
  guarantee_fund: '担保机构',
  bank: '经办银行',
  finance_bureau: '财政部门',
  operator: '系统运维',
  oversight: '审计监督',
};

const name = z.string().trim().min(4, '机构名称至少 4 个字').max(60, '机构名称不能超过 60 个字');

export const ZCreateOrganisationSchema = z
  .object({
    // The code appears in batch numbers and API scopes: short, stable, never reused.
    code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{2,31}$/, '机构代码须为 3–32 位大写字母、数字或 -，以字母开头'),
    name,
    kind: z.enum(ORG_KINDS, { error: '请选择机构类型' }),
  })
  .strict();
export type TCreateOrganisation = z.input<typeof ZCreateOrganisationSchema>;

export const ZRenameOrganisationSchema = z.object({ code: z.string().trim().min(1).max(32), name }).strict();
export type TRenameOrganisation = z.input<typeof ZRenameOrganisationSchema>;
