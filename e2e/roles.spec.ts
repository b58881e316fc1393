import { expect, test } from '@playwright/test';
import { loginAs } from './helpers/auth';

// Every demo account lands in its own area, and is refused one it does not own.
const ROLES = [
  { user: '13800000001', role: '申请人', home: '/portal', heading: '您好，王小明', foreign: '/review' },
  { user: 'hr', role: '人社审核员', home: '/review', heading: '人社资格审核', foreign: '/finance' },
  { user: 'guarantee', role: '担保机构审核员', home: '/review', heading: '担保审核', foreign: '/portal' },
  { user: 'bank', role: '经办银行客户经理', home: '/review', heading: '银行信贷审核', foreign: '/admin' },
  { user: 'finance', role: '财政局经办人', home: '/finance', heading: '财政拨付', foreign: '/review' },
  { user: 'admin', role: '系统管理员', home: '/admin', heading: '用户管理', foreign: '/finance' },
  // The security administrator shares the admin area but not the system administrator's pages.
  { user: 'security', role: '安全管理员', home: '/admin', heading: '用户管理', foreign: '/admin/policy' },
  { user: 'auditor', role: '审计管理员', home: '/audit', heading: '审计日志', foreign: '/admin' },
];

for (const r of ROLES) {
  test(`${r.role} logs in to ${r.home} and is refused ${r.foreign}`, async ({ page }) => {
    await loginAs(page, r.user, r.home);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(r.heading);
    await expect(page.getByTestId('current-user')).toContainText(r.role);

    await page.goto(r.foreign);
    await expect(page).toHaveURL(/\/forbidden/);
    const refusal = page.getByRole('main').getByRole('alert');
    await expect(refusal).toContainText('无权访问');
    await expect(refusal).toContainText(r.role);
  });
}

test('signed-out visitors are sent to login, and logout ends the session on the server', async ({ page, context }) => {
  await page.goto('/finance');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ffinance/);

  await loginAs(page, 'finance', '/finance');
  const cookies = await context.cookies();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  // Replaying the old cookie must not get back in: the session row is revoked.
  await context.addCookies(cookies);
  await page.goto('/finance');
  await expect(page).toHaveURL(/\/login/);
});

test('auditor sees the audit chain verified and the logins recorded', async ({ page }) => {
  await loginAs(page, 'auditor', '/audit');
  await expect(page.getByTestId('chain-status')).toContainText('审计链校验通过');
  await page.getByLabel('事件类型').fill('auth.login');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('cell', { name: '登录' }).first()).toBeVisible();
});

test('auditor reads applications and subsidy batches, with no action offered', async ({ page }) => {
  await loginAs(page, 'auditor', '/audit');
  await page.getByRole('link', { name: '申请与贷款' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请与贷款（只读）');
  await page.getByLabel('搜索申请').fill('KZ2025000900');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: 'KZ2025000900' }).click();
  await expect(page).toHaveURL(/\/audit\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('KZ2025000900');
  await expect(page.getByRole('button', { name: /通过|不予通过|退回/ })).toHaveCount(0);

  await page.getByRole('link', { name: '补贴批次' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('补贴批次（只读）');
  await page.getByRole('link', { name: 'DEMO-TX-2025Q3' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('批次详情（只读）');
  await expect(page.getByRole('button')).not.toContainText(['审批通过', '导出拨付清单', '审核通过']);
});
