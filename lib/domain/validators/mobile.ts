/**
 * Mainland mobile numbers: 11 digits `1[3-9]\d{9}` after removing spaces,
 * hyphens and an optional +86 / 0086 country prefix. Carrier prefixes are not
 * hard-coded: number segments keep changing.
 */
const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export type MobileErrorCode = 'LENGTH' | 'FORMAT';

export const MOBILE_MESSAGES: Record<MobileErrorCode, string> = {
  LENGTH: '手机号码应为11位数字',
  FORMAT: '手机号码格式不正确',
};

export type MobileResult =
  | { valid: true; normalized: string }
  | { valid: false; normalized: string; code: MobileErrorCode; message: string };

export function normalizeMobile(value: string): string {
  const compact = value.trim().replace(/[\s-]/g, '');
  if (compact.startsWith('+86')) return compact.slice(3);
  if (compact.startsWith('0086')) return compact.slice(4);
  return compact;
}

export function validateMobile(value: string): MobileResult {
  const normalized = normalizeMobile(value);
  if (MOBILE_PATTERN.test(normalized)) return { valid: true, normalized };
  const code: MobileErrorCode = /^\d+$/.test(normalized) && normalized.length !== 11 ? 'LENGTH' : 'FORMAT';
  return { valid: false, normalized, code, message: MOBILE_MESSAGES[code] };
}
