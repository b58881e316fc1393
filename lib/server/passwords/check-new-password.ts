import fs from 'node:fs';
import path from 'node:path';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '@/lib/domain/password-policy';
import { AppError } from '@/lib/errors/app-error';

// ~18,000 of the most common breached passwords of 8+ characters (the zxcvbn-ts "common"
// list, MIT — see common-passwords.LICENSE.txt — plus common Chinese ones), lower-case, one a line.
const LIST_FILE = path.join(process.cwd(), 'lib/server/passwords/common-passwords.txt');

let list: Set<string> | undefined;
function commonPasswords(): Set<string> {
  return (list ??= new Set(fs.readFileSync(LIST_FILE, 'utf8').split('\n').filter(Boolean)));
}

export const isCommonPassword = (password: string) => commonPasswords().has(password.normalize('NFKC').toLowerCase());

export const commonPasswordCount = () => commonPasswords().size;

/**
 * Refuse a new password that breaks the policy, is on the breached list, or contains the
 * person's own words (name, login name, mobile) or the site's. The refusal names `field`,
 * so the form shows it beside the password box.
 */
export function assertAcceptablePassword(password: string, kind: 'applicant' | 'staff', context: readonly (string | null | undefined)[], field: string): void {
  const problem = checkPassword(password, kind, context) ?? (isCommonPassword(password) ? 'COMMON' : null);
  if (problem) throw new AppError('INVALID_INPUT', { userMessage: PASSWORD_PROBLEM_MESSAGES[problem], fieldErrors: { [field]: PASSWORD_PROBLEM_MESSAGES[problem] } });
}
