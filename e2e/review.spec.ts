import { expect, test, type Page } from '@playwright/test';
import { desk, openFromQueue } from './helpers/review';
import { fillApplicant, fillBusiness, fillLoan, next, registerAndLogin, stepIs, uploadDocuments } from './helpers/applicant';

async function submitIndividual(page: Page): Promise<string> {
  await page.getByRole('button', { name: /申请个人创业贷款/ }).click();
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page);
  await next(page);
  await fillLoan(page, '200000', '24');
  await next(page);
  await next(page);
  await uploadDocuments(page, ['身份证', '人员类别证明']);
  await next(page);
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  const status = await page.getByRole('status').textContent();
  return /KZ\d{10}/.exec(status ?? '')![0];
}

/** The applicant opens one of their applications from the portal list. */
async function openMine(page: Page, number: string) {
  await page.goto('/portal');
  await page.getByRole('link', { name: new RegExp(`贷款 ${number}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
}

async function decide(page: Page, decision: '审核通过' | '退回补正' | '不予通过', fill?: (p: Page) => Promise<void>) {
  await page.getByLabel(decision, { exact: true }).check();
  if (fill) await fill(page);
  await page.getByRole('button', { name: '提交审核意见' }).click();
  await expect(page).toHaveURL(/\/review\?done=1/);
}

test('one application from submission through HR, guarantee and bank to disbursement, with one return for supplement', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await registerAndLogin(page, '流程申请人');
  const number = await submitIndividual(page);

  // HR returns it, listing what to fix.
  const hr = await desk(browser, 'hr', '/review');
  await openFromQueue(hr, number);
  await decide(hr, '退回补正', async (p) => {
    await p.getByLabel('补正事项 1').selectOption({ label: '经营场所地址' });
    await p.getByLabel('补正说明 1').fill('地址请写到门牌号');
  });

  // The applicant sees the items, fixes exactly that, resubmits.
  await openMine(page, number);
  await expect(page.getByRole('note')).toContainText('地址请写到门牌号');
  await page.getByRole('link', { name: '去补正' }).click();
  await stepIs(page, '申请人信息');
  await next(page);
  await page.getByLabel('经营场所地址').fill('开州区汉丰街道滨湖路 8 号 2 栋 101 室');
  for (let i = 0; i < 4; i++) await next(page);
  await page.getByRole('button', { name: '补正后重新提交' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  await expect(page.getByTestId('timeline')).toContainText('补正后重新提交 → 待人社资格审核');

  // HR, then the guarantee agency, then the bank approve; the bank contracts and disburses.
  await openFromQueue(hr, number);
  await expect(hr.getByText('开州区汉丰街道滨湖路 8 号 2 栋 101 室')).toBeVisible();
  // Eligibility is approved only once each 三免两贴两推荐 item asked for is decided.
  await hr.getByLabel('审核通过', { exact: true }).check();
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr.getByRole('main').getByRole('alert')).toContainText('请先逐项审核三免两贴两推荐事项：创业担保贷款贴息');
  const item = hr.getByTestId('benefit-interestSubsidy');
  await item.getByRole('button', { name: '保存' }).click();
  await expect(item).toContainText('同意');
  await decide(hr, '审核通过');
  const guarantee = await desk(browser, 'guarantee', '/review');
  await openFromQueue(guarantee, number);
  await decide(guarantee, '审核通过');

  // Another bank does not even find it.
  const otherBank = await desk(browser, 'bank2', '/review');
  await otherBank.getByLabel('搜索申请').fill(number);
  await otherBank.getByRole('button', { name: '查询' }).click();
  await expect(otherBank.getByText('没有符合条件的申请')).toBeVisible();

  const bank = await desk(browser, 'bank', '/review');
  await openFromQueue(bank, number);
  await decide(bank, '审核通过');
  await openFromQueue(bank, number);
  const contract = bank.getByRole('form', { name: '登记合同' });
  await contract.getByLabel('合同编号').fill(`HT-${number}`);
  await contract.getByLabel('合同年利率（%）').fill('3.60');
  await contract.getByRole('button', { name: '登记合同' }).click();
  await expect(contract.getByRole('alert')).toContainText('超过上限');
  await contract.getByLabel('合同年利率（%）').fill('3.50');
  await contract.getByRole('button', { name: '登记合同' }).click();
  const disbursement = bank.getByRole('form', { name: '登记放款' });
  await disbursement.getByLabel('借据号').fill(`JJ-${number}`);
  await disbursement.getByLabel('放款账号').fill('6228 4800 1234 5678 901');
  await disbursement.getByRole('button', { name: '登记放款' }).click();
  await expect(bank.getByText('已放款').first()).toBeVisible();

  // The applicant's timeline shows every stage.
  await openMine(page, number);
  const timeline = page.getByTestId('timeline');
  for (const step of ['待担保审核', '待银行审批', '审批通过，待签约', '已签约，待放款', '已放款']) await expect(timeline).toContainText(step);
  await expect(page.getByTestId('benefits')).toContainText('创业担保贷款贴息');
});

test('a rejection shows its reason to the applicant', async ({ page, browser }) => {
  test.setTimeout(120_000); // registering waits for the SMS code now, then an HR desk opens in a browser of its own
  await registerAndLogin(page, '驳回申请人');
  const number = await submitIndividual(page);
  const hr = await desk(browser, 'hr', '/review');
  await openFromQueue(hr, number);
  await hr.getByLabel('不予通过', { exact: true }).check();
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr.getByRole('main').getByRole('alert')).toContainText('不予通过须填写理由');
  await hr.getByLabel(/不予通过的理由/).fill('经核查，申请人已在其他区县获得创业担保贷款');
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr).toHaveURL(/done=1/);

  await openMine(page, number);
  await expect(page.getByTestId('timeline')).toContainText('理由：经核查，申请人已在其他区县获得创业担保贷款');
  await page.goto('/portal/notifications');
  await expect(page.getByText('未通过').first()).toBeVisible();
});
