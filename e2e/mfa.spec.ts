import { expect, test } from '@playwright/test';
import { login } from './helpers/auth';
import { nextTotpCode } from './helpers/totp';

// `trainee` is the one demo staff account seeded without a second factor.
test('a staff member without a second factor enrols TOTP at first login, then logs in with a code or a recovery code', async ({ page }) => {
  test.setTimeout(180_000);
  const username = 'trainee';
  // The password alone opens a session that can do nothing but enrol.
  await login(page, username, undefined, { totpSecret: null });
  await expect(page).toHaveURL(/\/account\/mfa$/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/account\/mfa$/);

  await expect(page.getByRole('img', { name: '身份验证器绑定二维码' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel(/6 位验证码/).fill('000000' === (await nextTotpCode(`${username}-probe`, secret)) ? '111111' : '000000');
  await page.getByRole('button', { name: '完成绑定' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('验证码不正确');
  await page.getByLabel(/6 位验证码/).fill(await nextTotpCode(username, secret));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('绑定成功');
  await expect(page.getByRole('list', { name: '恢复码' }).getByRole('listitem')).toHaveCount(10);
  const recovery = (await page.getByRole('list', { name: '恢复码' }).getByRole('listitem').first().textContent())!.trim();
  await page.getByRole('link', { name: '我已保存恢复码，继续' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  // The password alone is no longer enough: the form asks for the code; a wrong one is refused.
  await login(page, username, undefined, { totpSecret: null });
  await expect(page.getByLabel('动态验证码')).toBeVisible();
  await page.getByLabel('动态验证码').fill('123456' === (await nextTotpCode(`${username}-probe`, secret)) ? '654321' : '123456');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('动态验证码或恢复码不正确');
  await page.getByLabel('动态验证码').fill(await nextTotpCode(username, secret));
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  // A recovery code stands in for the phone once.
  await login(page, username, undefined, { totpSecret: null });
  await page.getByLabel('动态验证码').fill(recovery);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/audit$/);
});
