import { env } from '@/lib/env';

/**
 * Every rate limit of the system, by name: how many points a key may use per window, and
 * the Chinese sentence a refused caller reads (the wait is appended). Add a limit here and
 * call `consumeRateLimit(db, '<name>', key)` where the action happens; the store (PostgreSQL
 * across processes, memory on PGlite) and the typed refusal come with it. The numbers are
 * parameters (lib/env.ts).
 */
export interface LimitSpec {
  /** Points a key may consume in one window. */
  points: number;
  /** Window length in seconds; the window starts at the key's first point. */
  durationSeconds: number;
  /** When set, a key that reaches its points is refused for this long (instead of until the window ends). */
  blockSeconds?: number;
  /** What the refused person reads, before “请 N 分钟后再试”. */
  message: string;
}

export type LimitName =
  | 'pii_reveal'
  | 'login_address'
  | 'login_account_address'
  | 'login_account'
  | 'register_address'
  | 'sms_mobile'
  | 'api_token'
  | 'wage_refund_confirm_address';

export const LIMIT_NAMES: readonly LimitName[] = [
  'pii_reveal',
  'login_address',
  'login_account_address',
  'login_account',
  'register_address',
  'sms_mobile',
  'api_token',
  'wage_refund_confirm_address',
];

export function limitSpec(name: LimitName): LimitSpec {
  const e = env();
  const lock = e.LOGIN_LOCK_MINUTES * 60;
  switch (name) {
    case 'pii_reveal':
      return { points: e.PII_REVEALS_PER_HOUR, durationSeconds: 3600, message: `查看完整个人信息过于频繁（每人每小时最多 ${e.PII_REVEALS_PER_HOUR} 次）` };
    // Login failures, counted three ways (lib/server/auth/authenticate-user.ts). One address is
    // slowed after LOGIN_ADDRESS_MAX_FAILURES failures, whatever names it tries.
    case 'login_address':
      return { points: e.LOGIN_ADDRESS_MAX_FAILURES, durationSeconds: lock, blockSeconds: lock, message: '该网络地址登录失败次数过多' };
    // One account from one address: the familiar lock after LOGIN_MAX_FAILURES — it stops that
    // address only, so a stranger cannot lock the owner out.
    case 'login_account_address':
      return { points: e.LOGIN_MAX_FAILURES, durationSeconds: lock, blockSeconds: lock, message: '登录失败次数过多，账户已临时锁定' };
    // The account's own lock, from every address together: only failures that got past the
    // address limits count, so locking it takes many addresses.
    case 'login_account':
      return { points: e.LOGIN_ACCOUNT_MAX_FAILURES, durationSeconds: lock, blockSeconds: lock, message: '登录失败次数过多，账户已临时锁定' };
    case 'register_address':
      return { points: e.REGISTRATIONS_PER_ADDRESS_PER_HOUR, durationSeconds: 3600, message: '该网络地址注册过于频繁' };
    case 'sms_mobile':
      return { points: e.SMS_PER_MOBILE_PER_DAY, durationSeconds: 86_400, message: `该手机号今日接收短信已达上限（每天最多 ${e.SMS_PER_MOBILE_PER_DAY} 条）` };
    case 'api_token':
      return { points: e.API_TOKEN_REQUESTS_PER_MINUTE, durationSeconds: 60, message: `接口调用过于频繁（每个令牌每分钟最多 ${e.API_TOKEN_REQUESTS_PER_MINUTE} 次）` };
    case 'wage_refund_confirm_address':
      return { points: e.WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS, durationSeconds: 3600, message: '该网络地址提交确认过于频繁' };
  }
}
