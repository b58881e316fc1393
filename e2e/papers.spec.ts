import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { amountInChineseCapitals } from '../lib/domain/paper/chinese-capitals';
import { fillApplicant, fillBusiness, fillLoan, next, registerAndLogin, uploadDocuments } from './helpers/applicant';
import { approve, desk, openFromQueue } from './helpers/review';

// Official documents (文书) as print views: each rendered with print media, its key text checked
// and saved as a PDF (the browser's "save as PDF").
const PDF_DIR = path.resolve(process.cwd(), 'e2e', '.output', 'papers');

async function submitIndividual(page: Page, amount = '200000'): Promise<{ number: string; id: string }> {
  await page.getByRole('button', { name: /申请个人创业贷款/ }).click();
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page);
  await next(page);
  await fillLoan(page, amount, '24');
  await next(page);
  await next(page);
  await uploadDocuments(page, ['身份证', '人员类别证明']);
  await next(page);
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  const number = /KZ\d{10}/.exec((await page.getByRole('status').textContent()) ?? '')![0];
  const id = /\/portal\/applications\/([0-9a-f-]{36})/.exec(page.url())![1];
  return { number, id };
}

/** Print media, then the document must show every text; saved as PDF. */
async function printed(page: Page, name: string, texts: (string | RegExp)[]) {
  await page.emulateMedia({ media: 'print' });
  const doc = page.locator('article.official-paper');
  await expect(doc).toBeVisible();
  // The chrome around the document is not printed.
  await expect(page.getByRole('navigation', { name: '功能导航' })).toBeHidden();
  await expect(page.getByRole('button', { name: /打印/ })).toBeHidden();
  await expect(doc.getByTestId('seal-box')).toContainText('盖章处');
  for (const t of texts) await expect(doc).toContainText(t);
  fs.mkdirSync(PDF_DIR, { recursive: true });
  const file = path.join(PDF_DIR, `${name}.pdf`);
  const pdf = await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
}

test('@phone the applicant prints their 受理回执 and 一次性告知书 from the portal', async ({ page }, info) => {
  test.setTimeout(120_000);
  await registerAndLogin(page, '回执申请人');
  const { number, id } = await submitIndividual(page, '150000');
  await page.getByRole('link', { name: '受理回执' }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/applications/${id}/papers/receipt$`));
  const issuer = (await page.getByTestId('paper-issuer').textContent())!;
  expect(issuer).toMatch(/开州区/);
  await printed(page, `receipt-${info.project.name}`, [
    '受理回执', number, '回执申请人', '150000.00', '壹拾伍万元整', /预计办结日期/, /\d{4}年\d{1,2}月\d{1,2}日/, '身份证.png', '人员类别证明.png', `/portal/applications/${id}`,
  ]);
  await expect(page.getByTestId('paper-expected-by')).toContainText('13 个工作日');
  await expect(page.getByTestId('paper-qr')).toBeVisible();
  expect(await page.getByTestId('paper-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

  await page.goto(`/portal/applications/${id}/papers/notice`);
  await printed(page, `notice-${info.project.name}`, ['一次性告知书', number, '身份证', '人员类别证明', '外出务工证明']);
});

test('补正告知书 and 不予受理告知书 (reasons, policy basis, the rights of 行政复议 and 行政诉讼); only their owner or staff may open them', async ({ page, browser }) => {
  test.setTimeout(420_000);
  // One open application per applicant: two applicants.
  const pRefused = await newPage(browser);
  await registerAndLogin(page, '补正申请人');
  const returned = await submitIndividual(page);
  await registerAndLogin(pRefused, '驳回文书申请人');
  const refused = await submitIndividual(pRefused);

  const hr = await desk(browser, 'hr', '/review');
  await openFromQueue(hr, returned.number);
  await hr.getByLabel('退回补正', { exact: true }).check();
  await hr.getByLabel('补正事项 1').selectOption({ label: '经营场所地址' });
  await hr.getByLabel('补正说明 1').fill('地址请写到门牌号');
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr).toHaveURL(/\/review\?done=1/);

  await openFromQueue(hr, refused.number);
  await hr.getByLabel('不予通过', { exact: true }).check();
  await hr.getByLabel(/不予通过的理由/).fill('经核查，申请人已在其他区县获得创业担保贷款');
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr).toHaveURL(/\/review\?done=1/);

  // The applicants' own documents.
  await page.goto(`/portal/applications/${returned.id}`);
  await page.getByRole('link', { name: '补正告知书' }).click();
  await printed(page, 'supplement', ['补正告知书', returned.number, '补正申请人', '个人创业担保贷款', '经营场所地址', '地址请写到门牌号', '开州区']);
  await expect(page.locator('article.official-paper')).not.toContainText('创业创业');

  await pRefused.goto(`/portal/applications/${refused.id}`);
  await pRefused.getByRole('link', { name: '不予通过告知书' }).click();
  await printed(pRefused, 'refusal', [
    '不予受理告知书', refused.number, '驳回文书申请人', '经核查，申请人已在其他区县获得创业担保贷款', '财金〔2020〕21号', '六十日内', '行政复议', '六个月内', '行政诉讼', /\d{4}年\d{1,2}月\d{1,2}日/,
  ]);
  // A notice that does not exist for this application is not found; nor is another applicant's.
  expect((await pRefused.goto(`/portal/applications/${refused.id}/papers/approval`))!.status()).toBe(404);
  expect((await pRefused.goto(`/portal/applications/${returned.id}/papers/supplement`))!.status()).toBe(404);
  expect((await pRefused.goto(`/portal/applications/${returned.id}/papers/receipt`))!.status()).toBe(404);

  // Staff print the same documents from the review desk.
  await hr.goto(`/review/${refused.id}`);
  // The reviewer's copy of the engine's answer speaks of the applicant, not to them.
  await expect(hr.getByTestId('engine-answer')).toContainText('经测算，申请人符合申请条件');
  await expect(hr.getByTestId('engine-answer')).not.toContainText('您');
  await hr.getByRole('link', { name: '不予通过告知书' }).click();
  await printed(hr, 'refusal-staff', ['不予受理告知书', refused.number, '行政诉讼']);
});

test('审批结果通知书 with the amount in 大写 once HR, the guarantee fund and the bank approve', async ({ page, browser }) => {
  test.setTimeout(420_000);
  await registerAndLogin(page, '获批文书申请人');
  const granted = await submitIndividual(page, '200000');
  await approve(await desk(browser, 'hr', '/review'), granted.number);
  await approve(await desk(browser, 'guarantee', '/review'), granted.number);
  await approve(await desk(browser, 'bank', '/review'), granted.number);
  await page.goto(`/portal/applications/${granted.id}`);
  await page.getByRole('link', { name: '审批结果通知书' }).click();
  await printed(page, 'approval', ['审批结果通知书', granted.number, '获批文书申请人', '200000.00', '贰拾万元整', '24 个月', '中国农业银行重庆开州支行']);
  expect((await page.goto(`/portal/applications/${granted.id}/papers/refusal`))!.status()).toBe(404);
});

test('finance prints a batch\'s 资金拨付审批表: totals, 大写, 制表/审核/审批 and the audit chain head', async ({ browser }) => {
  const finance = await financeDesk(browser);
  await finance.goto('/finance?tab=all');
  const link = finance.locator('a[href^="/finance/batches/"]').first();
  const href = (await link.getAttribute('href'))!;
  await finance.goto(`${href}`);
  const totalText = (await finance.getByTestId('total').textContent())!;
  const fen = BigInt(totalText.replace(/[^\d]/g, ''));
  const number = (await finance.getByTestId('batch-number').textContent())!.trim();
  await finance.getByRole('link', { name: '打印资金拨付审批表' }).click();
  await printed(finance, 'approval-sheet', ['资金拨付审批表', number, `人民币${amountInChineseCapitals(fen)}`, '制表', '审核', '审批', '开州区财政局', /打印时审计链头：序号 \d+，哈希 [0-9a-f]{64}/]);
});

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
}

async function financeDesk(browser: Browser) {
  return desk(browser, 'finance', '/finance');
}
