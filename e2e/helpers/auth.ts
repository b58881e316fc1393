import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Kaizhou@2026';

export async function login(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(identifier);
  await page.getByLabel('密码').fill(password);
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
