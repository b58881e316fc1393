import { expect, test } from '@playwright/test';
import { login, uniqueApplicant } from './helpers/auth';
import { registerViaSms } from './helpers/applicant';

test('five wrong passwords lock the account, even for the right password', async ({ page }) => {
  test.slow(); // registering now waits for the SMS code too
  const a = uniqueApplicant();
  await registerViaSms(page, a, '锁定测试', 'right password 1');

  const alert = page.getByRole('main').getByRole('alert');
  for (let i = 1; i <= 4; i++) {
    await login(page, a.mobile, `wrong password ${i}`);
    await expect(alert).toHaveText('用户名或密码错误');
  }
  await login(page, a.mobile, 'wrong password 5');
  await expect(alert).toContainText('账户已临时锁定');

  await login(page, a.mobile, 'right password 1');
  await expect(alert).toContainText('账户已临时锁定');
  await expect(page).toHaveURL(/\/login/);
});
