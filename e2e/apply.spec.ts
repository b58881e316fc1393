import { expect, test } from '@playwright/test';
import { fillApplicant, fillBusiness, fillLoan, next, registerAndLogin, stepIs, tryNext, uploadDocuments } from './helpers/applicant';

test('@phone individual loan: engine answer, refusals for a too-large amount and a fake image, documents, submit, timeline', async ({ page }) => {
  await registerAndLogin(page, '手机申请人');
  await page.getByRole('button', { name: /申请个人创业贷款/ }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await stepIs(page, '贷款类型');
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page);
  await next(page);

  // Above the individual limit: the engine says so, with the limit.
  await fillLoan(page, '900000');
  await page.getByRole('button', { name: '测算额度与贴息' }).click();
  const answer = page.getByTestId('engine-answer');
  await expect(answer).toContainText('暂不符合申请条件');
  await expect(answer).toContainText('超过最高额度');
  await page.getByLabel('申请金额（元）').fill('300000');
  await page.getByRole('button', { name: '测算额度与贴息' }).click();
  await expect(answer).toContainText('符合申请条件');
  await expect(answer).toContainText('财政贴息利率');
  await expect(answer).toContainText('您自付利率');
  await next(page);

  await stepIs(page, '三免两贴两推荐');
  await page.getByText('免技能培训费用').click();
  await page.getByText('推荐产业项目').click();
  await next(page);

  // A text file named like a photo is refused by its content, and nothing is listed.
  await stepIs(page, '上传材料');
  await page.getByLabel('上传身份证').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not an image') });
  await expect(page.getByRole('alert').filter({ hasText: '仅支持 JPEG、PNG 或 PDF' })).toBeVisible();
  await expect(page.getByText('fake.jpg')).toHaveCount(0);
  await uploadDocuments(page, ['身份证', '人员类别证明']);
  await next(page);

  await stepIs(page, '确认提交');
  await expect(page.getByTestId('engine-answer')).toContainText('符合申请条件');
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  await expect(page.getByRole('status')).toContainText(/受理编号 KZ\d{10}/);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('创建申请');
  await expect(timeline).toContainText('提交申请 → 待人社资格审核');

  // The draft is gone from "start", the application is listed with its state.
  await page.goto('/portal');
  await expect(page.getByText('待人社资格审核')).toBeVisible();
  await expect(page.getByRole('button', { name: /申请个人创业贷款/ })).toHaveCount(0);
});

test('@phone partnership loan with a partner, a bad partner 身份证号 refused first', async ({ page }) => {
  await registerAndLogin(page, '合伙申请人');
  await page.getByRole('button', { name: /申请合伙创业贷款/ }).click();
  await next(page);
  await fillApplicant(page, '高校毕业生（含大学生村官、留学回国学生）');
  await fillBusiness(page);
  await page.getByRole('button', { name: '添加合伙人' }).click();
  await page.getByLabel('合伙人 1 姓名').fill('李合伙');
  await page.getByLabel('合伙人 1 身份证号码').fill('110105194912310021');
  await page.getByLabel('合伙人 1 人员类别').selectOption({ label: '返乡创业农民工' });
  await tryNext(page);
  await expect(page.getByText('校验位')).toBeVisible();
  await stepIs(page, '经营主体');
  await page.getByLabel('合伙人 1 身份证号码').fill('11010519491231002X');
  await next(page);
  await fillLoan(page, '1000000', '36');
  await page.getByRole('button', { name: '测算额度与贴息' }).click();
  await expect(page.getByTestId('engine-answer')).toContainText('最高可贷额度');
  await expect(page.getByTestId('engine-answer')).toContainText('1,100,000.00 元');
  await next(page);
  await next(page);
  await uploadDocuments(page, ['身份证', '人员类别证明']);
  await next(page);
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  await expect(page.getByTestId('timeline')).toContainText('待人社资格审核');
});

test('@phone small-micro enterprise loan: a bad 统一社会信用代码 gets a clear message, then submits', async ({ page }) => {
  await registerAndLogin(page, '企业申请人');
  await page.getByRole('button', { name: /申请小微企业贷款/ }).click();
  await next(page);
  await fillApplicant(page);
  await fillBusiness(page, { uscc: '91350100M000100Y44', staff: [20, 4] });
  await tryNext(page);
  await expect(page.getByText(/校验/).first()).toBeVisible();
  await stepIs(page, '经营主体');
  await page.getByLabel(/统一社会信用代码/).fill('91350100M000100Y43');
  await next(page);
  await fillLoan(page, '2000000', '24');
  await page.getByRole('button', { name: '测算额度与贴息' }).click();
  await expect(page.getByTestId('engine-answer')).toContainText('符合申请条件');
  await next(page);
  await next(page);
  await uploadDocuments(page, ['身份证', '人员类别证明', '营业执照']);
  await next(page);
  await page.getByRole('button', { name: '确认提交申请' }).click();
  await expect(page).toHaveURL(/submitted=1/);
});
