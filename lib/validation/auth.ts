import { z } from './zod';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '@/lib/domain/password-policy';
import { zIdCardNumber, zMobile } from './common';

/** Shared by the login form and the server. */
export const ZLoginSchema = z.object({
  identifier: z.string().trim().min(1, '请输入用户名或手机号').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码不能超过 128 个字符'),
  /** Staff only: a 6-digit TOTP code or a recovery code; the server asks for it when needed. */
  otp: z.string().trim().max(32, '验证码过长').optional(),
});
export type TLogin = z.infer<typeof ZLoginSchema>;

/** The 6-digit code an SMS brought. */
const zSmsCode = z.string().trim().regex(/^\d{6}$/, '请输入短信中的 6 位验证码');

const zApplicantPassword = z.string().superRefine((pw, ctx) => {
  const problem = checkPassword(pw, 'applicant');
  if (problem) ctx.addIssue({ code: 'custom', message: problem === 'TOO_SHORT' ? '密码至少 8 位' : PASSWORD_PROBLEM_MESSAGES[problem] });
});

/** Step 1 of registration and of the password reset: the mobile a code is sent to. */
export const ZSmsCodeRequestSchema = z.object({ mobile: zMobile }).strict();
export type TSmsCodeRequest = z.input<typeof ZSmsCodeRequestSchema>;

/** Applicant self-registration, step 2: the SMS code + real name + 身份证号 (checksum verified) + password. */
export const ZRegisterApplicantSchema = z
  .object({
    realName: z
      .string()
      .trim()
      .min(2, '请输入真实姓名')
      .max(30, '姓名过长')
      .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号'),
    idNumber: zIdCardNumber,
    mobile: zMobile,
    code: zSmsCode,
    password: zApplicantPassword,
    confirmPassword: z.string(),
    agree: z.literal(true, { error: '请阅读并同意个人信息处理规则' }),
  })
  .strict()
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的密码不一致' });
export type TRegisterApplicant = z.input<typeof ZRegisterApplicantSchema>;

/** The code that confirms a TOTP enrolment: what the authenticator app shows now. */
export const ZTotpCodeSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, '请输入身份验证器上的 6 位数字'),
});

/** An applicant's self-service password reset: the mobile, the SMS code, and the new password twice. */
export const ZResetPasswordBySmsSchema = z
  .object({
    mobile: zMobile,
    code: zSmsCode,
    newPassword: zApplicantPassword,
    confirmPassword: z.string(),
  })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的密码不一致' });
export type TResetPasswordBySms = z.input<typeof ZResetPasswordBySmsSchema>;
