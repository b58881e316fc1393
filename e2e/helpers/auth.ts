import { expect, type Page } from '@playwright/test';
import { nextTotpCode } from './totp';

export const DEMO_PASSWORD = 'Kaizhou@2026';

/** Applicants log in with their mobile; everyone else is staff and gives a TOTP code too. */
const isStaffLogin = (identifier: string) => !/^1\d{10}$/.test(identifier);

/**
 * Log in through the form. Staff are asked for the authenticator's code once the password is
 * accepted; the code is computed from `totpSecret` (the demo accounts' by default). Pass
 * `totpSecret: null` to stop at the password (e.g. to see it refused).
 */
export async function login(page: Page, identifier: string, password = DEMO_PASSWORD, opts: { totpSecret?: string | null } = {}) {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (!isStaffLogin(identifier) || opts.totpSecret === null) return;
  await page.getByLabel('动态验证码').fill(await nextTotpCode(identifier, opts.totpSecret));
  await page.getByRole('button', { name: '登录' }).click();
}

export async function loginAs(page: Page, identifier: string, expectedPath: string) {
  await login(page, identifier);
  // The first login after the server starts also opens the database: allow it more than one step's time.
  await expect(page).toHaveURL(new RegExp(`${expectedPath}$`), { timeout: 30_000 });
}

/** A valid 18-digit 身份证号 for tests, built from a 17-digit body with the GB 11643 check digit. */
export function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

/** Unique test data per run, so reruns against a kept database never collide. */
export function uniqueApplicant() {
  const n = (Date.now() + Math.floor(Math.random() * 1e6)) % 1e8;
  const seq = String(n % 1000).padStart(3, '0');
  return {
    mobile: `139${String(n).padStart(8, '0')}`,
    idNumber: idNumber(`50023419${String(80 + (n % 20))}0${1 + (n % 9)}1${(n % 9) + 1}${seq}`),
  };
}
