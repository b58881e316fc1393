import { expect, test } from '@playwright/test';
import { login, uniqueApplicant } from './helpers/auth';
import { registerViaSms, requestCode } from './helpers/applicant';

test('@phone an applicant proves the mobile with an SMS code, then registers; a bad 身份证号 is refused first', async ({ page }) => {
  const a = uniqueApplicant();
  await page.goto('/');
  await page.getByRole('link', { name: '立即注册申请' }).click();
  await expect(page.getByRole('heading', { name: '申请人注册' })).toBeVisible();

  // Step 1: the mobile; the code arrives on the phone (the test gateway's file).
  await requestCode(page, a.mobile);
  await page.getByLabel('真实姓名').fill('测试申请人');
  // Right length and birth date, wrong check digit.
  const bad = a.idNumber.slice(0, 17) + (a.idNumber[17] === '1' ? '2' : '1');
  await page.getByLabel('居民身份证号码').fill(bad);
  await page.getByLabel('设置密码').fill('correct horse 9');
  await page.getByLabel('确认密码').fill('correct horse 9');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('校验位')).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  // Nothing was stored and the code is still good: the right number registers.
  await page.getByLabel('居民身份证号码').fill(a.idNumber.toLowerCase());
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await expect(page.getByRole('status')).toContainText('注册成功');

  await login(page, a.mobile, 'correct horse 9');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('测试申请人');
});

test('a wrong SMS code is refused and nothing is created', async ({ page }) => {
  const a = uniqueApplicant();
  await page.goto('/register');
  await requestCode(page, a.mobile);
  const right = await page.getByLabel('短信验证码').inputValue();
  await page.getByLabel('短信验证码').fill(right === '000000' ? '000001' : '000000');
  await page.getByLabel('真实姓名').fill('错码测试');
  await page.getByLabel('居民身份证号码').fill(a.idNumber);
  await page.getByLabel('设置密码').fill('another pass 1');
  await page.getByLabel('确认密码').fill('another pass 1');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('短信验证码错误或已失效').first()).toBeVisible();
  await login(page, a.mobile, 'another pass 1');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('用户名或密码错误');
});

test('a clash with a registered mobile or 身份证号 gets one neutral answer that sends the person to the HR centre', async ({ page }) => {
  const answers: string[] = [];
  // The demo applicant's mobile, with a new 身份证号; then a new mobile with the demo applicant's 身份证号.
  for (const who of [{ mobile: '13800000001', idNumber: uniqueApplicant().idNumber }, { mobile: uniqueApplicant().mobile, idNumber: '500234199001011232' }]) {
    await page.goto('/register');
    await requestCode(page, who.mobile);
    await page.getByLabel('真实姓名').fill('重复注册');
    await page.getByLabel('居民身份证号码').fill(who.idNumber);
    await page.getByLabel('设置密码').fill('another pass 1');
    await page.getByLabel('确认密码').fill('another pass 1');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '注册' }).click();
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('就业和人才中心');
    answers.push((await alert.textContent()) ?? '');
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).not.toMatch(/身份证号已|手机号已/);
});

test('@phone an applicant who forgot the password resets it with an SMS code', async ({ page }) => {
  const a = uniqueApplicant();
  await registerViaSms(page, a, '找回密码', 'first password 1');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page.getByRole('heading', { name: '找回密码' })).toBeVisible();
  await requestCode(page, a.mobile);
  await page.getByLabel('新密码', { exact: true }).fill('second password 2');
  await page.getByLabel('确认新密码').fill('second password 2');
  await page.getByRole('button', { name: '重置密码' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await expect(page.getByRole('status')).toContainText('密码已重置');

  await login(page, a.mobile, 'first password 1');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('用户名或密码错误');
  await login(page, a.mobile, 'second password 2');
  await expect(page).toHaveURL(/\/portal$/);
});
