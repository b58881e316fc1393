import ExcelJS from 'exceljs';
import { expect, type Browser, type Page } from '@playwright/test';
import { fillApplicant, fillBusiness, fillLoan, next, registerAndLogin, stepIs, uploadDocuments } from './applicant';
import { approve, desk, openFromQueue } from './review';

export { desk };

/**
 * Through the UI: a new applicant applies for 200,000 yuan over 24 months; HR, the guarantee
 * agency and the bank approve; the bank records the contract (3.50 %) and the disbursement
 * on a past date (the forms accept past dates), so that a quarter has closed since.
 */
export async function disbursedLoanOn(page: Page, browser: Browser, dates: { contractDate: string; disbursedDate: string }) {
  await registerAndLogin(page, '贴息申请人');
  await page.getByRole('button', { name: /申请个人创业贷款/ }).click();
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page);
  await next(page);
  await fillLoan(page, '200000', '24');
  await next(page);
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
  await contract.getByLabel('签约日期').fill(dates.contractDate);
  await contract.getByLabel('合同年利率（%）').fill('3.50');
  await contract.getByRole('button', { name: '登记合同' }).click();
  const drawdownNo = `JJ-${number}`;
  const disbursement = bank.getByRole('form', { name: '登记放款' });
  await disbursement.getByLabel('放款日期').fill(dates.disbursedDate);
  await disbursement.getByLabel('借据号').fill(drawdownNo);
  await disbursement.getByLabel('放款账号').fill('6228 4800 1234 5678 901');
  await disbursement.getByRole('button', { name: '登记放款' }).click();
  await expect(bank.getByRole('heading', { name: '贷后管理' })).toBeVisible();
  return { number, drawdownNo, bank };
}

/** A CSV file (UTF-8 with BOM, CRLF) as a browser file payload. */
export function csvFile(name: string, rows: (string | number)[][]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8') };
}

/** The yuan text of a cell as fen (never through a float). */
export function fenOf(v: unknown): bigint {
  const s = String(v);
  const [i, d = ''] = s.split('.');
  return BigInt(i) * 100n + BigInt(d.padEnd(2, '0').slice(0, 2));
}

export interface DownloadedList {
  number: string;
  header: string[];
  /** Data rows by header name (序号 as a number, amounts as numbers). */
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
}

/** Open a downloaded disbursement list (.xlsx) with exceljs: batch number, header, rows and the totals row. */
export async function readList(path: string): Promise<DownloadedList> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  let totals: Record<string, unknown> = {};
  for (let r = 4; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    const rec = Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]));
    if (rec['序号'] === '合计') totals = rec;
    else if (typeof rec['序号'] === 'number') rows.push(rec);
  }
  return { number: String(ws.getCell('B2').value), header, rows, totals };
}
