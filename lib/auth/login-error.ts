import { waitText } from '@/lib/domain/wait-text';
import { APP_ERROR_MESSAGES, type AppErrorCode } from '@/lib/errors/app-error';

/** A login refusal as next-auth carries it in `?error=`: the code, and for a refusal-for-now its wait (`ACCOUNT_LOCKED:900`). */
export function parseLoginError(raw: string | null | undefined): { code: AppErrorCode; retryAfterSeconds?: number } {
  const m = /^([A-Z_]+)(?::(\d{1,7}))?$/.exec(raw ?? '');
  const code = m && m[1] in APP_ERROR_MESSAGES ? (m[1] as AppErrorCode) : 'INVALID_CREDENTIALS';
  return m?.[2] ? { code, retryAfterSeconds: Number(m[2]) } : { code };
}

/** What the login form shows for a refusal. */
export function loginErrorMessage(raw: string | null | undefined): string {
  const { code, retryAfterSeconds } = parseLoginError(raw);
  if (code === 'RATE_LIMITED') return `登录失败次数过多，该网络地址已被暂时限制，请 ${waitText(retryAfterSeconds ?? 60)}后再试`;
  if (code === 'ACCOUNT_LOCKED' && retryAfterSeconds) return `登录失败次数过多，账户已临时锁定，请 ${waitText(retryAfterSeconds)}后再试`;
  return APP_ERROR_MESSAGES[code];
}
