import { expect, test } from '@playwright/test';
import { desk, openFromQueue } from './helpers/review';

const NUMBER = 'KZ2025000900';

test('HR reveals a 身份证号 only with a reason; the auditor, with no reveal of its own, finds who revealed it and why', async ({ browser }) => {
  const hr = await desk(browser, 'hr', '/review');
  await openFromQueue(hr, NUMBER);
  const value = hr.getByTestId('reveal-value-applicant.idNumber');
  const masked = (await value.textContent())!;
  expect(masked).toContain('*');
  await hr.getByRole('button', { name: '查看完整号码（将记录审计）' }).click();
  // The browser's own check stops an empty reason; the server refuses it too (integration tests).
  await hr.getByRole('button', { name: '确认查看' }).click();
  await expect(value).toHaveText(masked);
  await hr.getByLabel('查看原因').selectOption('identity_check');
  await hr.getByLabel('具体说明').fill('端到端测试：与身份证原件核对');
  await hr.getByRole('button', { name: '确认查看' }).click();
  await expect(value).toHaveText(/^\d{17}[\dX]$/);

  const auditor = await desk(browser, 'auditor', '/audit');
  await auditor.goto(`/audit/applications`);
  await auditor.getByLabel('搜索申请').fill(NUMBER);
  await auditor.getByRole('button', { name: '查询' }).click();
  await auditor.getByRole('link', { name: NUMBER }).click();
  await expect(auditor.getByRole('heading', { level: 1 })).toContainText(NUMBER);
  await expect(auditor.getByText(masked)).toBeVisible();
  await expect(auditor.getByRole('button', { name: /查看完整号码/ })).toHaveCount(0);

  await auditor.getByRole('link', { name: '个人信息查看记录' }).click();
  await auditor.getByLabel('查看人或申请编号').fill(NUMBER);
  await auditor.getByRole('button', { name: '查询' }).click();
  const row = auditor.getByTestId('reveals-table').getByRole('row').filter({ hasText: '端到端测试：与身份证原件核对' });
  await expect(row).toContainText('核验申请人身份');
  await expect(row).toContainText(masked);
  await expect(row).toContainText('已查看');
  await expect(row).not.toContainText(/\d{17}[\dX]/);
});
