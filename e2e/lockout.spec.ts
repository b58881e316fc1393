import { expect, test } from '@playwright/test';
import { login, uniqueApplicant } from './helpers/auth';

test('five wrong passwords lock the account, even for the right password', async ({ page }) => {
  const a = uniqueApplicant();
  await page.goto('/register');
  await page.getByLabel('真实姓名').fill('锁定测试');
  await page.getByLabel('居民身份证号码').fill(a.idNumber);
  await page.getByLabel('手机号码').fill(a.mobile);
  await page.getByLabel('设置密码').fill('right password 1');
  await page.getByLabel('确认密码').fill('right password 1');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/registered=1/);

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
