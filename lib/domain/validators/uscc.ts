/**
 * 统一社会信用代码, GB 32100-2015. 18 characters from a 31-character alphabet
 * (no I O Z S V); check = 31 − (Σ vᵢ·wᵢ mod 31), 31 → 0.
 *
 * Characters 9–17 embed the GB 11714 organisation code, whose own check uses a
 * DIFFERENT alphabet (0–9, A=10 … Z=35). The two tables are deliberately kept
 * separate. Some early pilot codes fail the inner check while being legally
 * valid, so a failing inner check is only a warning, never a rejection.
 */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT' | 'CHECK_DIGIT';
export type UsccWarningCode = 'ORG_CODE_CHECK_MISMATCH';

export const USCC_MESSAGES: Record<UsccErrorCode, string> = {
  LENGTH: '统一社会信用代码应为18位',
  CHARSET: '统一社会信用代码含有无效字符（不使用I、O、Z、S、V）',
  FORMAT: '统一社会信用代码格式不正确（第3至8位应为行政区划代码）',
  CHECK_DIGIT: '统一社会信用代码校验位不正确',
};

export const USCC_WARNING_MESSAGES: Record<UsccWarningCode, string> = {
  ORG_CODE_CHECK_MISMATCH: '组织机构代码（第9至17位）校验不通过，请人工核对',
};

export type UsccResult =
  | { valid: true; normalized: string; warnings: UsccWarningCode[] }
  | { valid: false; normalized: string; code: UsccErrorCode; message: string };

export function normalizeUscc(value: string): string {
  return value.trim().toUpperCase();
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character of an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = parseInt(body8[i], 36); // 0-9 → 0-9, A-Z → 10-35 (GB 11714's own table)
    if (Number.isNaN(v)) return null;
    sum += v * ORG_CODE_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(value: string): UsccResult {
  const normalized = normalizeUscc(value);
  const fail = (code: UsccErrorCode): UsccResult => ({ valid: false, normalized, code, message: USCC_MESSAGES[code] });
  if (normalized.length !== 18) return fail('LENGTH');
  for (const ch of normalized) if (!USCC_ALPHABET.includes(ch)) return fail('CHARSET');
  if (!USCC_SHAPE.test(normalized)) return fail('FORMAT');
  if (usccCheckChar(normalized) !== normalized[17]) return fail('CHECK_DIGIT');
  const orgCode = normalized.slice(8, 17);
  const warnings: UsccWarningCode[] = orgCodeCheckChar(orgCode.slice(0, 8)) === orgCode[8] ? [] : ['ORG_CODE_CHECK_MISMATCH'];
  return { valid: true, normalized, warnings };
}
