import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { repaymentCsv } from './helpers/servicing';
import { csvFile, desk, disbursedLoanOn, fenOf, readList } from './helpers/finance';

/**
 * A full quarter of 贴息, in the browser, role by role: a loan disbursed in May (past dates),
 * a repayment imported from the bank's file, the bank's 2026Q3 claim generated in the
 * background (progress shown), verified by HR, approved and exported by finance (the .xlsx
 * downloaded and opened: its totals row is the sum of its lines), the bank's payment results
 * imported with one failed line, and that line re-issued in a new round — which HR verifies
 * again and a second finance officer approves (the one who re-issued it may not).
 */
test('a quarter of 贴息: claim, HR verification, approval, frozen export, payment results, re-issue', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const { number, drawdownNo, bank } = await disbursedLoanOn(page, browser, { contractDate: '2026-05-06', disbursedDate: '2026-05-06' });

  // Repayments from the bank's file: a principal repayment inside the quarter.
  await bank.goto('/review/servicing');
  await bank.getByLabel('还款文件', { exact: true }).setInputFiles({ name: 'repayments.csv', mimeType: 'text/csv', buffer: repaymentCsv([[drawdownNo, '2026-07-10', '20000.00', '612.50', `FIN-${number}`]]) });
  await bank.getByRole('button', { name: '上传并导入' }).click();
  await expect(bank.getByTestId('import-result')).toContainText('导入成功');

  // The bank asks for the quarter's claim; the page follows the job until the lines are there.
  await bank.getByRole('link', { name: '贴息申报' }).click();
  await expect(bank.getByRole('heading', { level: 1 })).toHaveText('贴息申报');
  await bank.getByLabel('申报季度').selectOption('2026Q3');
  await bank.getByRole('button', { name: '生成贴息申报' }).click();
  await expect(bank).toHaveURL(/\/review\/claims\/[0-9a-f-]{36}/);
  const claimUrl = bank.url().replace(/\?.*$/, '');
  const batchId = claimUrl.split('/').pop()!;
  await expect(bank.getByRole('progressbar', { name: '生成进度' })).toBeVisible();
  await expect(bank.getByRole('progressbar', { name: '生成进度' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(bank.getByTestId('batch-number')).toHaveText('TX2026Q3-BANK-ABC-KZ-R0');
  await bank.getByLabel('搜索明细').fill(number);
  await bank.getByRole('button', { name: '查询' }).click();
  const mine = bank.getByTestId('batch-lines').locator('tbody tr[data-seq]');
  await expect(mine).toHaveCount(1);
  // 2026-06-21 … 09-20, 92 days; 200,000 yuan until 07-10, then 180,000: the trace shows both segments.
  await expect(mine).toContainText('2026-06-21 至 2026-09-20');
  await expect(mine).toContainText('92 天');
  await mine.getByText('计算过程').click();
  await expect(mine.getByRole('table')).toContainText('180000.00');
  // The bank cannot verify its own claim (the button is HR's).
  await expect(bank.getByRole('button', { name: '审核通过' })).toHaveCount(0);

  // HR verifies it from the queue of prepared batches.
  const hr = await desk(browser, 'hr', '/review');
  await hr.getByRole('link', { name: '补贴批次审核' }).click();
  await hr.getByRole('link', { name: 'TX2026Q3-BANK-ABC-KZ-R0' }).click();
  hr.on('dialog', (d) => d.accept());
  await hr.getByRole('button', { name: '审核通过' }).click();
  await expect(hr.getByTestId('batch-number').locator('..')).toContainText('待财政审批');

  // Finance approves, exports, and downloads the frozen list.
  const finance = await desk(browser, 'finance', '/finance');
  finance.on('dialog', (d) => d.accept());
  const row = finance.getByTestId('batches').locator('tr', { hasText: 'TX2026Q3-BANK-ABC-KZ-R0' });
  await row.getByRole('button', { name: '审批通过' }).click();
  await expect(row).toContainText('已审批，待导出');
  await row.getByRole('button', { name: '导出拨付清单' }).click();
  await expect(row).toContainText('已导出，待回盘');
  await finance.goto(`/finance/batches/${batchId}`);
  const sha = (await finance.getByTestId('xlsx-sha256').textContent())!.trim();
  const [download] = await Promise.all([finance.waitForEvent('download'), finance.getByRole('link', { name: '下载清单 .xlsx' }).click()]);
  expect(download.suggestedFilename()).toBe('拨付清单-TX2026Q3-BANK-ABC-KZ-R0.xlsx');
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')).toBe(sha);
  const list = await readList(file);
  expect(list.number).toBe('TX2026Q3-BANK-ABC-KZ-R0');
  expect(list.rows.length).toBeGreaterThanOrEqual(1);
  const sum = (col: string) => list.rows.reduce((s, r) => s + fenOf(r[col]), 0n);
  expect(list.totals['借款人姓名/企业名称']).toBe(`共 ${list.rows.length} 笔`);
  expect(fenOf(list.totals['应贴息金额（元）'])).toBe(sum('应贴息金额（元）'));
  expect(fenOf(list.totals['贷款金额（元）'])).toBe(sum('贷款金额（元）'));
  expect(fenOf(list.totals['应计利息（元）'])).toBe(sum('应计利息（元）'));
  const total = (await finance.getByTestId('total').textContent())!.replace(/[,\s元]/g, '');
  expect(fenOf(list.totals['应贴息金额（元）'])).toBe(fenOf(total));
  const ours = list.rows.find((r) => r['合同编号'] === `HT-${number}`)!;
  expect(ours['借据号']).toBe(drawdownNo);
  expect(String(ours['身份证号/统一社会信用代码'])).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
  expect(typeof ours['应贴息金额（元）']).toBe('number');
  // Downloading again gives the same bytes.
  const [again] = await Promise.all([finance.waitForEvent('download'), finance.getByRole('link', { name: '下载清单 .xlsx' }).click()]);
  expect(fs.readFileSync(await again.path()).equals(bytes)).toBe(true);

  // The bank's payment results: a bad file is refused whole; then every line paid except ours.
  const upload = finance.getByRole('form', { name: '导入回盘文件' });
  await expect(upload.getByLabel('回盘文件', { exact: true })).toBeEnabled();
  await upload.getByLabel('回盘文件', { exact: true }).setInputFiles(csvFile('回盘-错误.csv', [['序号', '状态', '银行流水号', '失败原因'], [1, '处理中', '', '']]));
  await upload.getByRole('button', { name: '上传并对账' }).click();
  await expect(finance.getByTestId('results-errors')).toContainText('状态“处理中”无效');
  await expect(finance.getByTestId('batch-number')).toBeVisible();
  const results = [['序号', '状态', '银行流水号', '失败原因'], ...list.rows.map((r) => (r === ours ? [r['序号'] as number, '失败', '', '账户已冻结'] : [r['序号'] as number, '成功', `BK-${r['序号']}`, '']))];
  await upload.getByLabel('回盘文件', { exact: true }).setInputFiles(csvFile('回盘.csv', results));
  await upload.getByRole('button', { name: '上传并对账' }).click();
  // The page refreshes with the batch reconciled: the result is in its summary.
  await expect(finance.getByTestId('reconciliation')).toContainText(`已支付 ${list.rows.length - 1} 笔`);
  await expect(finance.getByTestId('reconciliation')).toContainText('支付失败 1 笔');
  await expect(finance.getByTestId('batch-number').locator('..')).toContainText('已对账');

  // The failed line goes into a new round, alone.
  await finance.getByRole('button', { name: '失败明细重新拨付' }).click();
  await expect(finance.getByTestId('batch-number')).toHaveText('TX2026Q3-BANK-ABC-KZ-R1');
  expect(finance.url()).not.toContain(batchId);
  await expect(finance.getByTestId('line-count')).toHaveText('1');
  const reissued = finance.getByTestId('batch-lines').locator('tbody tr[data-seq]');
  await expect(reissued).toHaveCount(1);
  await expect(reissued).toContainText(`HT-${number}`);
  await expect(reissued).toContainText('原批次 TX2026Q3-BANK-ABC-KZ-R0');

  // The re-issue goes through the same checks: HR verifies it; finance, who prepared it, may
  // not approve it; a second finance officer does.
  await hr.goto('/review/claims');
  await hr.getByRole('link', { name: 'TX2026Q3-BANK-ABC-KZ-R1' }).click();
  await hr.getByRole('button', { name: '审核通过' }).click();
  await expect(hr.getByTestId('batch-number').locator('..')).toContainText('待财政审批');
  await finance.reload();
  await expect(finance.getByText('您参与了该批次的申报或审核，按职责分离要求由其他人员办理。')).toBeVisible();
  await expect(finance.getByRole('button', { name: '审批通过' })).toHaveCount(0);
  const finance2 = await desk(browser, 'finance2', '/finance');
  finance2.on('dialog', (d) => d.accept());
  const round1 = finance2.getByTestId('batches').locator('tr', { hasText: 'TX2026Q3-BANK-ABC-KZ-R1' });
  await round1.getByRole('button', { name: '审批通过' }).click();
  await expect(round1).toContainText('已审批，待导出');
});
