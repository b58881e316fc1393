import { expect, test } from '@playwright/test';
import { loginAs } from './helpers/auth';

test('the scorecard shows the seeded 2025 figures, completion against targets, a chart and an .xlsx export', async ({ page }) => {
  await loginAs(page, 'auditor', '/audit');
  await page.getByRole('link', { name: '统计成绩单' }).click();
  await page.getByLabel('年份').selectOption('2025');
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2025 年创业就业工作成绩单');
  // Seeded: 24 loans in 2025 of 100k–300k yuan (4,700,000 yuan), target 6,000,000 yuan.
  const amount = page.getByTestId('metric-loan_amount');
  await expect(amount).toContainText('4,700,000.00 元');
  await expect(amount).toContainText('完成 78.3%');
  await expect(page.getByTestId('metric-loan_people')).toContainText('24');
  await expect(page.getByTestId('metric-wage_refund_enterprises')).toContainText('3');
  await expect(page.getByTestId('monthly-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('by-town')).toContainText('汉丰街道');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toContain('2025');
});
