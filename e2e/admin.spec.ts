import { expect, test } from '@playwright/test';
import { loginAs } from './helpers/auth';

test('an administrator adds a partner bank, renames it, staffs it, and moves the officer to another bank', async ({ page }) => {
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

  // Staff the new bank, then move the officer to another bank.
  await page.goto('/admin/users/new');
  const user = page.getByRole('form', { name: '新建工作人员账号' });
  await user.getByLabel('用户名').fill(`e2e_officer_${n}`);
  await user.getByLabel('姓名').fill('测试客户经理');
  await user.getByLabel('角色').selectOption({ label: '经办银行客户经理' });
  await user.getByLabel('所属机构').selectOption({ label: `测试银行${n}开州支行` });
  await user.getByRole('button', { name: '创建账号' }).click();
  await expect(user.getByTestId('temporary-password')).toBeVisible();

  await page.goto(`/admin?q=e2e_officer_${n}`);
  const userRow = page.getByRole('row').filter({ hasText: `e2e_officer_${n}` });
  await expect(userRow).toContainText(`测试银行${n}开州支行`);
  await userRow.getByText('调整角色').click();
  const roleForm = userRow.getByRole('form', { name: '调整 测试客户经理 的角色' });
  await roleForm.getByLabel('新所属机构').selectOption({ label: '重庆农村商业银行开州支行' });
  page.once('dialog', (d) => d.accept());
  await roleForm.getByRole('button', { name: '确定' }).click();
  await expect(roleForm.getByRole('status')).toHaveText('已调整');
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: `e2e_officer_${n}` })).toContainText('重庆农村商业银行开州支行');
});
