import { z } from './zod';
import { ROLES } from '@/lib/domain/roles';
import { zMobile } from './common';

export const ZSetUserStatusSchema = z
  .object({
    userId: z.uuid('用户编号无效'),
    status: z.enum(['active', 'disabled'], { error: '状态无效' }),
  })
  .strict();
export type TSetUserStatus = z.infer<typeof ZSetUserStatusSchema>;

const STAFF_ROLES = ROLES.filter((r) => r !== 'applicant') as [Exclude<(typeof ROLES)[number], 'applicant'>, ...Exclude<(typeof ROLES)[number], 'applicant'>[]];

export const ZCreateStaffUserSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名须为 3–32 位字母、数字或 _ . -，以字母开头'),
    realName: z.string().trim().min(2, '请填写姓名').max(30),
    role: z.enum(STAFF_ROLES, { error: '请选择角色' }),
    orgCode: z.string().min(1, '请选择所属机构'),
    // The one-time password goes to this number by SMS: the administrator never sees it.
    mobile: zMobile,
  })
  .strict();
export type TCreateStaffUser = z.input<typeof ZCreateStaffUserSchema>;

export const ZResetPasswordSchema = z.object({ userId: z.uuid('用户编号无效') }).strict();

export const ZChangeRoleSchema = z.object({ userId: z.uuid('用户编号无效'), role: z.enum(STAFF_ROLES, { error: '请选择角色' }), orgCode: z.string().min(1, '请选择所属机构') }).strict();

export const ZChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, '请输入当前密码').max(128), newPassword: z.string().min(1, '请输入新密码').max(128, '密码不能超过 128 个字符'), confirmPassword: z.string() })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的密码不一致' });
