import { expect, type Page } from '@playwright/test';
import { login, uniqueApplicant } from './auth';
import { lastSmsTo, smsCodeIn, smsCount } from './sms';

/**
 * Register through the UI as a person does: the mobile first, then the code the SMS brought
 * (read from the test gateway's file, the applicant's phone) with the details.
 */
export async function registerViaSms(page: Page, a: { mobile: string; idNumber: string }, name = '测试申请人', password = 'applicant pass 1') {
  await page.goto('/register');
  await requestCode(page, a.mobile);
  await page.getByLabel('真实姓名').fill(name);
  await page.getByLabel('居民身份证号码').fill(a.idNumber);
  await page.getByLabel('设置密码').fill(password);
  await page.getByLabel('确认密码').fill(password);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/registered=1/);
}

/** Step 1 of registration or password reset: ask for a code, then type it in from the phone. */
export async function requestCode(page: Page, mobile: string) {
  const before = smsCount(mobile);
  await page.getByLabel(/手机号/).fill(mobile);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByLabel('短信验证码')).toBeVisible();
  await page.getByLabel('短信验证码').fill(smsCodeIn(await lastSmsTo(mobile, { after: before })));
}

/** Register a fresh applicant through the UI and sign in; returns its mobile. */
export async function registerAndLogin(page: Page, name = '测试申请人') {
  const a = uniqueApplicant();
  await registerViaSms(page, a, name);
  await login(page, a.mobile, 'applicant pass 1');
  await expect(page).toHaveURL(/\/portal$/);
  return a;
}

// Tiny files whose first bytes are what the server sniffs.
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
export const PDF = Buffer.from('%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The wizard's step number now shown (第 N 步). */
async function stepNumber(page: Page): Promise<number> {
  const text = await page.getByRole('heading', { level: 2, name: /第 \d 步/ }).textContent();
  return Number(/第 (\d) 步/.exec(text ?? '')?.[1]);
}

/** Go to the next step and wait until it is shown (the step saves the draft first). */
export async function next(page: Page) {
  const n = await stepNumber(page);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`第 ${n + 1} 步`) })).toBeVisible();
}

/** Press 下一步 where the step is expected to refuse (validation errors stay on the page). */
export async function tryNext(page: Page) {
  await page.getByRole('button', { name: '下一步' }).click();
}

export async function stepIs(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`第 \\d 步：${title}`) })).toBeVisible();
}

export async function fillApplicant(page: Page, category = '返乡创业农民工') {
  await stepIs(page, '申请人信息');
  await page.getByLabel('户籍地址').fill('重庆市开州区汉丰街道滨湖路 1 号');
  await page.getByLabel('人员类别', { exact: true }).selectOption({ label: category });
  await page.getByLabel('婚姻状况').selectOption({ label: '未婚' });
  await page.getByText('我是返乡创业人员').click();
  await page.getByLabel('外出务工地点').fill('广东省东莞市');
  await next(page);
}

export async function fillBusiness(page: Page, opts: { uscc?: string; staff?: [number, number] } = {}) {
  await stepIs(page, '经营主体');
  await page.getByLabel('经营主体名称').fill('开州区测试创业项目');
  if (opts.uscc) await page.getByLabel(/统一社会信用代码/).fill(opts.uscc);
  await page.getByLabel('经营所在镇街').selectOption({ label: '汉丰街道' });
  await page.getByLabel('所属行业').selectOption({ label: '电子商务' });
  await page.getByLabel('经营场所地址').fill('开州区汉丰街道滨湖路 8 号');
  if (opts.staff) {
    await page.getByLabel('成立日期').fill('2024-03-01');
    await page.getByLabel('在职职工人数').fill(String(opts.staff[0]));
    await page.getByLabel('当年新招用符合条件人员数').fill(String(opts.staff[1]));
  }
  await page.getByLabel('带动就业人数').fill('3');
}

export async function fillLoan(page: Page, amount: string, term = '24') {
  await stepIs(page, '贷款需求');
  await page.getByLabel('申请金额（元）').fill(amount);
  await page.getByLabel('贷款期限（月）').fill(term);
  await page.getByLabel('贷款用途').fill('购置设备和备货');
  await page.getByLabel('经办银行').selectOption({ label: '中国农业银行重庆开州支行' });
  await page.getByLabel('反担保方式').selectOption({ label: '保证人担保' });
  await page.getByLabel('反担保情况说明').fill('亲属提供保证');
}

export async function uploadDocuments(page: Page, kinds: string[]) {
  await stepIs(page, '上传材料');
  for (const kind of kinds) {
    await page.getByLabel(`上传${kind}`).setInputFiles({ name: `${kind}.png`, mimeType: 'image/png', buffer: PNG });
    await expect(page.getByText(`${kind}.png`).first()).toBeVisible();
  }
}
