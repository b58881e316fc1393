import { expect, test, type Browser, type Page } from '@playwright/test';
import { loginAs } from './helpers/auth';

/** Another administrator in a browser of their own. */
async function asSecond(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(page, user, '/admin');
  return page;
}

/** The system administrator asks for a staff account; a second system administrator approves it. Nobody sees its password. */
async function staffAccountViaApproval(page: Page, browser: Browser, v: { username: string; realName: string; role: string; org: string; mobile: string }) {
  await page.goto('/admin/users/new');
  const user = page.getByRole('form', { name: '新建工作人员账号' });
  await user.getByLabel('用户名').fill(v.username);
  await user.getByLabel('姓名').fill(v.realName);
  await user.getByLabel('角色').selectOption({ label: v.role });
  await user.getByLabel('所属机构').selectOption({ label: v.org });
  await user.getByLabel('本人手机号（接收初始密码）').fill(v.mobile);
  await user.getByLabel('申请理由').fill('新入职');
  await user.getByRole('button', { name: '提交申请' }).click();
  await expect(user.getByRole('status')).toContainText('待另一位系统管理员审批');
  await expect(page.getByTestId('temporary-password')).toHaveCount(0);
  // Not created yet.
  await page.goto(`/admin?q=${v.username}`);
  await expect(page.getByRole('row').filter({ hasText: v.username })).toHaveCount(0);
  // The maker cannot approve their own request.
  await page.goto('/admin/requests');
  const mine = page.getByTestId('admin-request').filter({ hasText: v.username });
  await expect(mine).toContainText('待同类的另一位管理员审批');
  await expect(mine.getByRole('button', { name: '批准' })).toHaveCount(0);

  const second = await asSecond(browser, 'admin2');
  await second.goto('/admin/requests');
  const pending = second.getByTestId('admin-request').filter({ hasText: v.username });
  await pending.getByRole('button', { name: '批准' }).click();
  await expect(second.getByTestId('admin-request-decided').filter({ hasText: v.username }).first()).toContainText('已批准并生效');
  await expect(second.getByText(/密码 [A-Za-z0-9_-]{8,}/)).toHaveCount(0);
  await second.context().close();
}

test('an administrator adds a partner bank, renames it, and staffs it once a second administrator approves the account', async ({ page, browser }) => {
  test.slow(); // three administrators, each in a browser of their own
  const n = String(Date.now() % 1e7);
  const code = `BANK-E2E${n}`;
  await loginAs(page, 'admin', '/admin');
  await page.getByRole('link', { name: '机构管理' }).click();
  await expect(page).toHaveURL(/\/admin\/organisations$/);

  const create = page.getByRole('form', { name: '新增机构' });
  await expect(create.getByRole('button', { name: '新增机构' })).toBeEnabled();
  // A bad code gets a clear message and nothing is added.
  await create.getByLabel('机构代码').fill('1坏代码');
  await create.getByLabel('机构名称').fill(`测试银行${n}支行`);
  await create.getByLabel('机构类型').selectOption({ label: '经办银行' });
  await create.getByRole('button', { name: '新增机构' }).click();
  await expect(create.getByText('机构代码须为 3–32 位大写字母、数字或 -，以字母开头')).toBeVisible();
  // An existing code is refused by the server.
  await create.getByLabel('机构代码').fill('BANK-ABC-KZ');
  await create.getByRole('button', { name: '新增机构' }).click();
  await expect(create.getByRole('alert')).toContainText('机构代码 BANK-ABC-KZ 已存在');

  await create.getByLabel('机构代码').fill(code.toLowerCase());
  await create.getByRole('button', { name: '新增机构' }).click();
  await expect(create.getByRole('status')).toContainText(`已新增机构 测试银行${n}支行（${code}）`);
  const row = page.getByTestId('organisations').locator(`tr[data-code="${code}"]`);
  await expect(row).toContainText('经办银行');

  await row.getByLabel(`${code} 的机构名称`).fill(`测试银行${n}开州支行`);
  await row.getByRole('button', { name: '保存名称' }).click();
  await expect(row.getByRole('status')).toHaveText('已保存');
  await page.reload();
  await expect(page.getByTestId('organisations').locator(`tr[data-code="${code}"]`).getByLabel(`${code} 的机构名称`)).toHaveValue(`测试银行${n}开州支行`);

  // Staff the new bank: the account exists only after admin2 approves.
  await staffAccountViaApproval(page, browser, { username: `e2e_officer_${n}`, realName: '测试客户经理', role: '经办银行客户经理', org: `测试银行${n}开州支行`, mobile: `1770${n.padStart(7, '0')}` });
  await page.goto(`/admin?q=e2e_officer_${n}`);
  const userRow = page.getByRole('row').filter({ hasText: `e2e_officer_${n}` });
  await expect(userRow).toContainText(`测试银行${n}开州支行`);
  // The system administrator grants no roles and resets no passwords: that is the security administrator's.
  await expect(userRow.getByText('调整角色')).toHaveCount(0);
  await expect(userRow.getByText('重置密码')).toHaveCount(0);
});

test("an administrator's role grant waits until a second administrator approves it", async ({ page, browser }) => {
  test.slow(); // four administrators, each in a browser of their own
  const n = String((Date.now() + 5_000_000) % 1e7);
  await loginAs(page, 'admin', '/admin');
  await staffAccountViaApproval(page, browser, { username: `e2e_mover_${n}`, realName: '调岗人员', role: '经办银行客户经理', org: '中国农业银行重庆开州支行', mobile: `1771${n.padStart(7, '0')}` });

  // The security administrator asks to move the officer to another bank.
  const security = await asSecond(browser, 'security');
  await security.goto(`/admin?q=e2e_mover_${n}`);
  const userRow = security.getByRole('row').filter({ hasText: `e2e_mover_${n}` });
  await userRow.getByText('调整角色').click();
  const roleForm = userRow.getByRole('form', { name: '调整 调岗人员 的角色' });
  await roleForm.getByLabel('新所属机构').selectOption({ label: '重庆农村商业银行开州支行' });
  await roleForm.getByLabel('调整理由').fill('岗位调动通知');
  await roleForm.getByRole('button', { name: '提交申请' }).click();
  await expect(roleForm.getByRole('status')).toContainText('待另一位安全管理员审批');

  // Nothing has changed yet, and the maker cannot approve it.
  await security.reload();
  await expect(security.getByRole('row').filter({ hasText: `e2e_mover_${n}` })).toContainText('中国农业银行重庆开州支行');
  await security.goto('/admin/requests');
  const mine = security.getByTestId('admin-request').filter({ hasText: `e2e_mover_${n}` });
  await expect(mine.getByTestId('request-change')).toContainText('重庆农村商业银行开州支行');
  await expect(mine.getByRole('button', { name: '批准' })).toHaveCount(0);
  await expect(mine.getByRole('button', { name: '撤回申请' })).toBeVisible();

  // A system administrator does not even see it.
  await page.goto('/admin/requests');
  await expect(page.getByTestId('admin-request').filter({ hasText: `e2e_mover_${n}` })).toHaveCount(0);

  // The second security administrator sees old and new side by side, and approves.
  const checker = await asSecond(browser, 'security2');
  await checker.goto('/admin/requests');
  const pending = checker.getByTestId('admin-request').filter({ hasText: `e2e_mover_${n}` });
  await expect(pending.getByTestId('request-change')).toContainText('中国农业银行重庆开州支行');
  await expect(pending.getByTestId('request-change')).toContainText('重庆农村商业银行开州支行');
  await pending.getByRole('button', { name: '批准' }).click();
  await expect(checker.getByTestId('admin-request-decided').filter({ hasText: `e2e_mover_${n}` }).first()).toContainText('已批准并生效');

  await security.goto(`/admin?q=e2e_mover_${n}`);
  await expect(security.getByRole('row').filter({ hasText: `e2e_mover_${n}` })).toContainText('重庆农村商业银行开州支行');
  await security.context().close();
  await checker.context().close();
});
