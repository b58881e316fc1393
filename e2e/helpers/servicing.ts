import { expect, type Browser, type Page } from '@playwright/test';
import { fillApplicant, fillBusiness, fillLoan, next, registerAndLogin, stepIs, uploadDocuments } from './applicant';
import { approve, desk, openFromQueue } from './review';

export { desk, openFromQueue };

/** Today in China, as the server's todayInChina() computes it. */
export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Through the UI: a new applicant applies for 200,000 yuan over 24 months; HR, the
 * guarantee agency and the bank approve; the bank records the contract (3.50 %) and the
 * disbursement today with the 借据号 `JJ-<number>`. Returns the applicant's page, the
 * bank's page (left on the loan), the application number and the 借据号.
 */
export async function disbursedLoanThroughUi(page: Page, browser: Browser) {
  await registerAndLogin(page, '贷后申请人');
  await page.getByRole('button', { name: /申请个人创业贷款/ }).click();
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page);
  await next(page);
  await fillLoan(page, '200000', '24');
  await next(page);
  // Wait for each step before moving on: a click during the step change is lost.
  await stepIs(page, '三免两贴两推荐');
  await next(page);
  await uploadDocuments(page, ['身份证', '人员类别证明']);
  await next(page);
  await stepIs(page, '确认提交');
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  const number = /KZ\d{10}/.exec((await page.getByRole('status').textContent()) ?? '')![0];

  await approve(await desk(browser, 'hr', '/review'), number);
  await approve(await desk(browser, 'guarantee', '/review'), number);
  const bank = await desk(browser, 'bank', '/review');
  await approve(bank, number);
  await openFromQueue(bank, number);
  const contract = bank.getByRole('form', { name: '登记合同' });
  await contract.getByLabel('合同编号').fill(`HT-${number}`);
  await contract.getByLabel('合同年利率（%）').fill('3.50');
  await contract.getByRole('button', { name: '登记合同' }).click();
  const drawdownNo = `JJ-${number}`;
  const disbursement = bank.getByRole('form', { name: '登记放款' });
  await disbursement.getByLabel('借据号').fill(drawdownNo);
  await disbursement.getByLabel('放款账号').fill('6228 4800 1234 5678 901');
  await disbursement.getByRole('button', { name: '登记放款' }).click();
  await expect(bank.getByRole('heading', { name: '贷后管理' })).toBeVisible();
  return { number, drawdownNo, bank };
}

/** A UTF-8 CSV with BOM, as Excel's "CSV UTF-8" saves it. */
export function repaymentCsv(rows: string[][]): Buffer {
  return Buffer.from('\ufeff' + [['借据号', '还款日期', '还款本金', '还款利息', '银行流水号'], ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
}
