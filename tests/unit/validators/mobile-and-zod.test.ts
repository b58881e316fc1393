import { describe, expect, it } from 'vitest';
import { validateMobile } from '@/lib/domain/validators';
import { zIdCardNumber, zMobile, zUscc } from '@/lib/validation/common';

describe('mobile numbers', () => {
  it.each(['13800138000', '+86 138-0013-8000', '0086 13800138000', '+8613800138000', ' 138 0013 8000 ', '19912345678'])('accepts %j', (v) => {
    expect(validateMobile(v)).toMatchObject({ valid: true, normalized: v.includes('199') ? '19912345678' : '13800138000' });
  });
  it.each([
    ['12800138000', 'FORMAT'], ['1380013800', 'LENGTH'], ['138001380000', 'LENGTH'], ['abc', 'FORMAT'], ['+1 13800138000', 'FORMAT'],
  ])('rejects %j (%s)', (v, code) => expect(validateMobile(v)).toMatchObject({ valid: false, code }));
});

describe('zod refinements for forms', () => {
  it('output the normalised value', () => {
    expect(zIdCardNumber.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(zUscc.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(zMobile.parse('+86 138-0013-8000')).toBe('13800138000');
  });

  it('give a distinct Chinese message per failure', () => {
    const msg = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0].message;
    expect(msg(zIdCardNumber.safeParse('1101051949'))).toBe('身份证号码应为18位');
    expect(msg(zIdCardNumber.safeParse('110105194902300024'))).toBe('身份证号码中的出生日期无效');
    expect(msg(zIdCardNumber.safeParse('110105194912310021'))).toBe('身份证号码校验位不正确');
    expect(msg(zUscc.safeParse('91350100M000100Y44'))).toBe('统一社会信用代码校验位不正确');
    expect(msg(zMobile.safeParse('1380013800'))).toBe('手机号码应为11位数字');
  });
});
