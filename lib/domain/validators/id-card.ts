/**
 * 居民身份证号码, GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check character.
 * Lower-case x is accepted and normalised to X. The birth date must be a real
 * calendar date (and not after `today` when the caller passes one — the
 * validator never reads the clock).
 */
import { isIsoDate, type IsoDate } from '../dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Earliest birth year accepted; GB 11643 holders born in the 1800s are implausible today. */
const MIN_BIRTH_YEAR = 1900;

export type IdCardErrorCode = 'LENGTH' | 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export const ID_CARD_MESSAGES: Record<IdCardErrorCode, string> = {
  LENGTH: '身份证号码应为18位',
  FORMAT: '身份证号码格式不正确（前17位为数字，末位为数字或X）',
  BIRTH_DATE: '身份证号码中的出生日期无效',
  CHECK_DIGIT: '身份证号码校验位不正确',
};

export type IdCardResult =
  | { valid: true; normalized: string; birthDate: IsoDate; gender: 'male' | 'female' }
  | { valid: false; normalized: string; code: IdCardErrorCode; message: string };

export function normalizeIdCard(value: string): string {
  return value.trim().toUpperCase();
}

/** The MOD 11-2 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function validateIdCard(value: string, opts: { today?: IsoDate } = {}): IdCardResult {
  const normalized = normalizeIdCard(value);
  const fail = (code: IdCardErrorCode): IdCardResult => ({ valid: false, normalized, code, message: ID_CARD_MESSAGES[code] });
  if (normalized.length !== 18) return fail('LENGTH');
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('FORMAT');
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || Number(birthDate.slice(0, 4)) < MIN_BIRTH_YEAR) return fail('BIRTH_DATE');
  if (opts.today && birthDate > opts.today) return fail('BIRTH_DATE');
  if (idCardCheckChar(normalized) !== normalized[17]) return fail('CHECK_DIGIT');
  // 17th character (sequence code): odd = male, even = female.
  const gender = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { valid: true, normalized, birthDate, gender };
}
