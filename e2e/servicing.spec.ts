import { expect, test } from '@playwright/test';
import { disbursedLoanThroughUi, openFromQueue, repaymentCsv, todayInChina } from './helpers/servicing';

test('the bank enters a repayment, a file with a bad row is refused whole, the corrected file is applied, and the applicant sees repayments and schedule', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { number, drawdownNo, bank } = await disbursedLoanThroughUi(page, browser);
  const today = todayInChina();
  const tag = Date.now().toString(36).toUpperCase();

  // The loan page: the engine's schedule from today's disbursement, then a manual repayment.
  await expect(bank.getByTestId('schedule')).toContainText(`${today} ~`);
  const form = bank.getByRole('form', { name: '登记还款' });
  await form.getByLabel('还款本金（元）').fill('10000');
  await form.getByLabel('还款利息（元）').fill('25.50');
  await form.getByLabel('银行流水号').fill(`M-${tag}`);
  await form.getByRole('button', { name: '登记还款' }).click();
  await expect(form.getByRole('status')).toHaveText('还款已登记，未还本金 190000.00 元。');
  await expect(bank.getByTestId('repayments')).toContainText(`M-${tag}`);
  // The same bank reference again is refused.
  await form.getByLabel('还款本金（元）').fill('1');
  await form.getByLabel('银行流水号').fill(`M-${tag}`);
  await form.getByRole('button', { name: '登记还款' }).click();
  await expect(form.getByRole('alert')).toContainText('该银行流水号已登记过还款');

  // The import page, from the queue.
  await bank.goto('/review');
  await bank.getByRole('link', { name: '还款导入' }).click();
  await expect(bank).toHaveURL(/\/review\/servicing$/);
  const upload = bank.getByRole('form', { name: '导入还款文件' });

  // One bad row: the file is refused whole, the row error is shown, nothing is applied.
  const bad = repaymentCsv([
    [drawdownNo, today, '5000', '12.50', `F1-${tag}`],
    [drawdownNo, '2026-02-30', '5000', '0', `F2-${tag}`],
  ]);
  await upload.getByLabel('还款文件').setInputFiles({ name: '还款-有误.csv', mimeType: 'text/csv', buffer: bad });
  await upload.getByRole('button', { name: '上传并导入' }).click();
  const errors = upload.getByTestId('import-errors');
  await expect(errors).toContainText('文件有 1 处错误，已整体退回，未导入任何还款记录');
  await expect(errors.getByRole('row').nth(1)).toContainText('第 3 行');
  await expect(errors.getByRole('row').nth(1)).toContainText('还款日期');
  await expect(errors.getByRole('row').nth(1)).toContainText('日期格式不正确');
  await expect(bank.getByTestId('import-history')).toContainText('已退回（1 处错误）');

  // The corrected file is applied.
  const good = repaymentCsv([
    [drawdownNo, today, '5000', '12.50', `F1-${tag}`],
    [drawdownNo, today, '5000', '0', `F2-${tag}`],
  ]);
  await upload.getByLabel('还款文件').setInputFiles({ name: '还款-已更正.csv', mimeType: 'text/csv', buffer: good });
  await upload.getByRole('button', { name: '上传并导入' }).click();
  await expect(upload.getByTestId('import-result')).toContainText('共 2 笔还款，涉及 1 笔贷款；本金 10,000.00 元，利息 12.50 元');
  await expect(bank.getByTestId('import-history')).toContainText('已导入');

  // The same file again: refused.
  await upload.getByLabel('还款文件').setInputFiles({ name: '还款-已更正.csv', mimeType: 'text/csv', buffer: good });
  await upload.getByRole('button', { name: '上传并导入' }).click();
  await expect(upload.getByRole('alert')).toContainText('同一文件不能重复导入');

  // The loan page: three repayments, 180,000 left.
  await openFromQueue(bank, number);
  await expect(bank.getByTestId('repayments').getByRole('row')).toHaveCount(4);
  await expect(bank.getByRole('region', { name: '贷后管理' })).toContainText('180,000.00 元');

  // The applicant sees the loan, its schedule with the subsidy per period, and the repayments.
  await page.goto('/portal');
  await page.getByRole('link', { name: new RegExp(`贷款 ${number}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  const loan = page.getByRole('region', { name: '我的贷款' });
  await expect(loan).toContainText('180,000.00 元');
  await expect(loan.getByTestId('schedule')).toContainText(`${today} ~`);
  await expect(loan.getByTestId('schedule')).toContainText('贴息状态');
  const mine = loan.getByTestId('my-repayments');
  await expect(mine.getByRole('listitem')).toHaveCount(3);
  await expect(mine).toContainText('本金 10,000.00 元 · 利息 25.50 元');
  await expect(mine).toContainText('本金 5,000.00 元 · 利息 12.50 元');
});
