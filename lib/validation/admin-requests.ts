import { z } from 'zod';
import { ADMIN_REQUEST_ACTIONS } from '@/lib/domain/workflow/admin-request';
import { ZChangeRoleSchema, ZCreateStaffUserSchema, ZResetPasswordSchema } from './users';

const zReason = z.string().trim().min(2, '请说明申请理由').max(300, '理由不超过 300 字');

/** One administration request; `kind` says which change is asked for. */
export const ZProposeAdminRequestSchema = z.discriminatedUnion('kind', [
  ZCreateStaffUserSchema.extend({ kind: z.literal('create_user'), reason: zReason }).strict(),
  ZChangeRoleSchema.extend({ kind: z.literal('change_role'), reason: zReason }).strict(),
  ZResetPasswordSchema.extend({ kind: z.literal('reset_password'), reason: zReason }).strict(),
  ZResetPasswordSchema.extend({ kind: z.literal('reset_mfa'), reason: zReason }).strict(),
  z
    .object({
      kind: z.literal('issue_api_token'),
      bankCode: z.string().min(1, '请选择银行'),
      name: z.string().trim().min(2, '请填写用途说明').max(60, '用途说明不超过 60 字'),
      /** The bank's outgoing addresses, as CIDR blocks separated by commas or new lines; empty: any address. */
      allowedCidrs: z.string().max(2000, '地址范围过长').optional(),
      reason: zReason,
    })
    .strict(),
  z.object({ kind: z.literal('revoke_api_token'), tokenId: z.uuid('令牌编号无效'), reason: zReason }).strict(),
]);
export type TProposeAdminRequest = z.input<typeof ZProposeAdminRequestSchema>;
export type ProposeAdminRequest = z.output<typeof ZProposeAdminRequestSchema>;

export const ZDecideAdminRequestSchema = z
  .object({ requestId: z.uuid('申请编号无效'), action: z.enum(ADMIN_REQUEST_ACTIONS), note: z.string().trim().max(300).optional() })
  .strict()
  .refine((v) => v.action !== 'reject' || !!v.note, { path: ['note'], message: '驳回须填写理由' });
