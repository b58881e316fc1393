import { expect, test } from '@playwright/test';
import { login, loginAs } from './helpers/auth';
import { nextTotpCode } from './helpers/totp';

test('a new staff member changes the temporary password, enrols TOTP, and from then on logs in with a code', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const n = String(Date.now() % 1e7);
  const username = `e2e_mfa_${n}`;
  await loginAs(page, 'admin', '/admin');
  await page.goto('/admin/users/new');
  const form = page.getByRole('form', { name: '新建工作人员账号' });
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('双因素测试');
  await form.getByLabel('角色').selectOption({ label: '审计管理员' });
  await form.getByLabel('所属机构').selectOption({ label: '开州区审计局' });
  await form.getByRole('button', { name: '创建账号' }).click();
  const temporary = (await form.getByTestId('temporary-password').textContent())!.trim();

  const staff = await (await browser.newContext()).newPage();
  // Not enrolled yet: the password alone opens a session, which can do nothing but set up.
  await login(staff, username, temporary, { totpSecret: null });
  await expect(staff).toHaveURL(/\/account\/password$/);
  await staff.getByLabel('当前密码').fill(temporary);
  await staff.getByLabel(/^新密码/).fill('Audit-e2e-pass-7');
  await staff.getByLabel('确认新密码').fill('Audit-e2e-pass-7');
  await staff.getByRole('button', { name: '修改密码' }).click();
  await expect(staff).toHaveURL(/\/account\/mfa$/);
  await staff.goto('/audit');
  await expect(staff).toHaveURL(/\/account\/mfa$/);

  await expect(staff.getByRole('img', { name: '身份验证器绑定二维码' })).toBeVisible();
  const secret = (await staff.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await staff.getByLabel(/6 位验证码/).fill('000000' === (await nextTotpCode(`${username}-probe`, secret)) ? '111111' : '000000');
  await staff.getByRole('button', { name: '完成绑定' }).click();
  await expect(staff.getByRole('main').getByRole('alert')).toContainText('验证码不正确');
  await staff.getByLabel(/6 位验证码/).fill(await nextTotpCode(username, secret));
  await staff.getByRole('button', { name: '完成绑定' }).click();
  await expect(staff.getByRole('main').getByRole('status')).toContainText('绑定成功');
  await expect(staff.getByRole('list', { name: '恢复码' }).getByRole('listitem')).toHaveCount(10);
  const recovery = (await staff.getByRole('list', { name: '恢复码' }).getByRole('listitem').first().textContent())!.trim();
  await staff.getByRole('link', { name: '我已保存恢复码，继续' }).click();
  await expect(staff).toHaveURL(/\/audit$/);
  await staff.getByRole('button', { name: '退出登录' }).click();
  await expect(staff).toHaveURL(/\/login/);

  // The password alone is no longer enough: the form asks for the code.
  await login(staff, username, 'Audit-e2e-pass-7', { totpSecret: null });
  await expect(staff.getByLabel('动态验证码')).toBeVisible();
  await staff.getByLabel('动态验证码').fill('123456' === (await nextTotpCode(`${username}-probe`, secret)) ? '654321' : '123456');
  await staff.getByRole('button', { name: '登录' }).click();
  await expect(staff.getByRole('main').getByRole('alert')).toContainText('动态验证码或恢复码不正确');
  await staff.getByLabel('动态验证码').fill(await nextTotpCode(username, secret));
  await staff.getByRole('button', { name: '登录' }).click();
  await expect(staff).toHaveURL(/\/audit$/);
  await staff.getByRole('button', { name: '退出登录' }).click();

  // A recovery code stands in for the phone once.
  await login(staff, username, 'Audit-e2e-pass-7', { totpSecret: null });
  await staff.getByLabel('动态验证码').fill(recovery);
  await staff.getByRole('button', { name: '登录' }).click();
  await expect(staff).toHaveURL(/\/audit$/);
});
