import { expect, test } from '@playwright/test';
import { login, uniqueApplicant } from './helpers/auth';

test('@phone an applicant registers on a phone, a bad 身份证号 is refused first', async ({ page }) => {
  const a = uniqueApplicant();
  await page.goto('/');
  await page.getByRole('link', { name: '立即注册申请' }).click();
  await expect(page.getByRole('heading', { name: '申请人注册' })).toBeVisible();

  await page.getByLabel('真实姓名').fill('测试申请人');
  // Right length and birth date, wrong check digit.
  const bad = a.idNumber.slice(0, 17) + (a.idNumber[17] === '1' ? '2' : '1');
  await page.getByLabel('居民身份证号码').fill(bad);
  await page.getByLabel('手机号码').fill(a.mobile);
  await page.getByLabel('设置密码').fill('correct horse 9');
  await page.getByLabel('确认密码').fill('correct horse 9');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('校验位')).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  // Nothing was stored: the same mobile can still register, with the right number.
  await page.getByLabel('居民身份证号码').fill(a.idNumber.toLowerCase());
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await expect(page.getByRole('status')).toContainText('注册成功');

  await login(page, a.mobile, 'correct horse 9');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('测试申请人');
});

test('registering the same mobile twice is refused with a clear message', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('真实姓名').fill('重复注册');
  await page.getByLabel('居民身份证号码').fill(uniqueApplicant().idNumber);
  await page.getByLabel('手机号码').fill('13800000001');
  await page.getByLabel('设置密码').fill('another pass 1');
  await page.getByLabel('确认密码').fill('another pass 1');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('该手机号已注册')).toBeVisible();
});
