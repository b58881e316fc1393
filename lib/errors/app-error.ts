/**
 * Typed error codes. Only `userMessage` (safe Chinese text) ever reaches a browser;
 * `message` is for logs and tests.
 */
export const APP_ERROR_MESSAGES = {
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限执行此操作',
  NOT_FOUND: '记录不存在或您无权查看',
  INVALID_INPUT: '输入有误，请检查后重试',
  CONFLICT: '该记录已被他人处理，请刷新后重试',
  ALREADY_EXISTS: '记录已存在',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账户已临时锁定，请稍后再试',
  MFA_REQUIRED: '请输入身份验证器上的 6 位动态验证码',
  INVALID_OTP: '动态验证码或恢复码不正确（每个验证码只能使用一次）',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_MESSAGES;

export const APP_ERROR_HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  MFA_REQUIRED: 401,
  INVALID_OTP: 401,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** Field-level messages for forms (field path → Chinese message). */
  readonly fieldErrors?: Record<string, string>;
  /** RATE_LIMITED: whole seconds until the caller may try again (the HTTP `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    opts: { message?: string; userMessage?: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(opts.message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = opts.userMessage ?? APP_ERROR_MESSAGES[code];
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
