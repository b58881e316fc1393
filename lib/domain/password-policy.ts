/**
 * Password rules (security checklist AUTH-02): applicants need 8+ characters and no
 * common password; staff need 12+ characters from at least 3 of 4 classes (等保 三级).
 * Up to 128 characters, any characters, never truncated. Neither may contain the person's
 * name or login name, or the words of the site (开州 / kaizhou …): those are the first an
 * attacker tries. The server also checks the shipped list of ~18,000 breached passwords
 * (lib/server/passwords); the few here give the form quick feedback.
 */
const COMMON = new Set([
  '12345678', '123456789', '1234567890', 'password', 'password1', 'qwertyui', 'qwerty123', '11111111',
  '00000000', '88888888', '66666666', 'abcd1234', 'a1234567', 'iloveyou', 'admin123', 'woaini1314',
  'abc12345', 'aa123456', 'qq123456', '1qaz2wsx', 'zxcvbnm1', '123123123', '147258369', '5201314520',
]);

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'NOT_ENOUGH_CLASSES' | 'CONTEXT';

/** Words of this site that no password may contain (compared case-insensitively, after NFKC). */
export const SITE_WORDS = ['开州', 'kaizhou', 'kai zhou', '创业担保', 'chuangye', 'danbao'];

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  TOO_SHORT: '密码长度不足',
  TOO_LONG: '密码不能超过 128 个字符',
  COMMON: '密码过于常见，请换一个',
  NOT_ENOUGH_CLASSES: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  CONTEXT: '密码不能包含您的姓名、用户名、手机号或“开州”“kaizhou”等本站字样',
};

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * Does the password contain one of the context words? Latin words count from 3 characters,
 * Chinese ones (a name) from 2; the whole-word forms of a username or mobile are included.
 */
export function containsContextWord(password: string, words: readonly (string | null | undefined)[]): boolean {
  const pw = fold(password);
  return [...SITE_WORDS, ...words]
    .filter((w): w is string => !!w)
    .map(fold)
    .map((w) => w.trim())
    .some((w) => (/[\u4e00-\u9fa5]/.test(w) ? w.length >= 2 : w.length >= 3) && pw.includes(w));
}

export function checkPassword(password: string, kind: 'applicant' | 'staff', context: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  const min = kind === 'staff' ? 12 : 8;
  if (password.length < min) return 'TOO_SHORT';
  if (password.length > 128) return 'TOO_LONG';
  if (COMMON.has(password.toLowerCase())) return 'COMMON';
  if (containsContextWord(password, context)) return 'CONTEXT';
  if (kind === 'staff') {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
    if (classes < 3) return 'NOT_ENOUGH_CLASSES';
  }
  return null;
}
