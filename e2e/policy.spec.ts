import { expect, test } from '@playwright/test';
import { loginAs } from './helpers/auth';

test("an administrator's LPR change takes effect only after a second administrator approves it", async ({ page, browser }) => {
  // A date far enough ahead not to touch the other tests' computations.
  const effectiveFrom = '2030-01-21';
  await loginAs(page, 'admin', '/admin');
  await page.getByRole('link', { name: '政策参数管理' }).click();
  const form = page.getByRole('form', { name: '提出 LPR 变更' });
  await form.getByLabel('生效日期').fill(effectiveFrom);
  await form.getByLabel('利率（%）').fill('2.85');
  await form.getByLabel('依据').fill('全国银行间同业拆借中心公告');
  await form.getByRole('button', { name: '提交审批' }).click();
  await expect(form.getByRole('status')).toContainText('待另一位管理员审批');

  const change = page.getByTestId('policy-change').filter({ hasText: `${effectiveFrom} 起为 2.85%` });
  await expect(change).toContainText('待审批');
  await expect(change).toContainText('待其他管理员审批');
  await expect(page.getByTestId('lpr-table')).not.toContainText(effectiveFrom);

  const second = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await loginAs(second, 'admin2', '/admin');
  await second.goto('/admin/policy');
  const pending = second.getByTestId('policy-change').filter({ hasText: `${effectiveFrom} 起为 2.85%` });
  await pending.getByRole('button', { name: '批准' }).click();
  await expect(pending).toContainText('已生效');
  await expect(second.getByTestId('lpr-table')).toContainText(`${effectiveFrom} 起：2.85%`);
});
