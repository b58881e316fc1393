import { expect, test, type Page } from '@playwright/test';
import { idNumber } from './helpers/auth';
import { desk } from './helpers/review';
import { codeIn, lastSmsTo } from './helpers/sms';

/** A valid 统一社会信用代码 (GB 32100 check character), unique per run. */
function uscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91500234MA${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const csv = (rows: (string | number)[][]) => Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
const HEADER = ['统一社会信用代码', '单位名称', '企业规模(大型/中小微)', '月均参保人数', '裁员人数', '实缴失业保险费(元)', '连续参保月数', '严重失信(是/否)', '注销吊销(是/否)', '经营异常(是/否)', '欠费(是/否)', '联系人手机', '开户名', '银行账号', '开户行'];

async function uploadInsuranceFile(page: Page, name: string, content: Buffer) {
  const form = page.getByRole('form', { name: '导入参保数据' });
  await form.getByLabel('政策年度').selectOption('2025');
  await form.getByLabel('参保数据文件（上年度）').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await form.getByRole('button', { name: '上传并测算' }).click();
}

test('稳岗返还 免申即享: finance imports, notifies; the enterprise confirms on the public page with the SMS code; the year batch is created @phone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const [a, b] = [uscc(), uscc()];
  const [ma, mb] = [mobile(), mobile()];
  const finance = await desk(browser, 'finance', '/finance');
  await finance.getByRole('link', { name: /稳岗返还（免申即享）/ }).first().click();
  await expect(finance.getByRole('heading', { level: 1 })).toHaveText('稳岗返还（免申即享）');

  // A file with a bad row is refused whole, every error listed.
  await uploadInsuranceFile(finance, '参保数据-有误.csv', csv([HEADER, [a, '开州区甲公司', '中小微', 40, 1, '88000.00', 24, '否', '否', '否', '否', '1380000', '', '', ''], ['NOT-USCC', '开州区乙公司', '大型', 'x', 0, '1000', 12, '否', '否', '否', '否', '', '', '', '']]));
  const errors = finance.getByTestId('import-errors');
  await expect(errors).toContainText('文件有 3 处错误，已整体退回');
  await expect(errors).toContainText('第 2 行');
  await expect(errors).toContainText('手机号码应为11位数字');
  await expect(errors).toContainText('统一社会信用代码应为18位');

  // The corrected file: each enterprise computed by the engine (Chongqing 2025: SME 20%, large 10%).
  await uploadInsuranceFile(finance, '参保数据.csv', csv([
    HEADER,
    [a, 'E2E稳岗甲公司', '中小微', 40, 1, '88000.00', 24, '否', '否', '否', '否', ma, 'E2E稳岗甲公司', '6228480012345678901', '中国农业银行开州支行'],
    [b, 'E2E稳岗乙公司', '中小微', 20, 0, '5000', 6, '否', '否', '否', '是', mb, '', '', ''],
  ]));
  await expect(finance.getByTestId('import-result')).toContainText('共 2 家企业');
  await finance.getByLabel('搜索企业').fill(a);
  await finance.getByRole('button', { name: '查询' }).click();
  const row = finance.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a });
  await expect(row).toContainText('17,600.00 元');
  await expect(row).toContainText('6228***********8901');
  await finance.getByLabel('搜索企业').fill(b);
  await finance.getByRole('button', { name: '查询' }).click();
  await expect(finance.getByTestId('wage-refund-list')).toContainText('足额缴纳失业保险不满 12 个月');
  await expect(finance.getByTestId('wage-refund-list')).toContainText('企业存在欠缴社会保险费');

  // Notify: a code per eligible enterprise goes out through the SMS outbox. Staff see that it was sent, never the code.
  await finance.getByRole('button', { name: /通知企业确认/ }).click();
  await expect(finance.getByTestId('year-action-result')).toContainText('确认码短信');
  await finance.getByRole('link', { name: '短信发送记录' }).click();
  const sms = finance.getByTestId('sms-outbox').getByRole('row').filter({ hasText: `${ma.slice(0, 3)}****${ma.slice(-4)}` });
  await expect(sms).toHaveCount(1);
  await expect(sms).toContainText('验证码短信已发送');
  // The enterprise's phone (the test SMS gateway) receives the code.
  const body = await lastSmsTo(ma);
  expect(body).toContain('/wage-refund/confirm');
  expect(body).not.toContain('E2E稳岗甲公司');
  const code = codeIn(body);
  await finance.reload();
  await expect(finance.getByTestId('sms-outbox')).not.toContainText(code);
  await expect(finance.getByTestId('sms-outbox')).not.toContainText(`${mb.slice(0, 3)}****${mb.slice(-4)}`); // not eligible: not notified

  // The enterprise, on its phone, without an account: a wrong code first, then the right one.
  await page.goto('/wage-refund/confirm');
  await page.getByLabel('统一社会信用代码').fill(a);
  await page.getByLabel('短信确认码').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('统一社会信用代码或确认码不正确');
  await page.getByLabel('短信确认码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { name: 'E2E稳岗甲公司' })).toBeVisible();
  await expect(page.getByTestId('confirm-amount')).toHaveText('17,600.00 元');
  // It corrects its size class (the engine's amount for a large enterprise is shown, then recomputed on the server) and its account.
  await page.getByLabel(/大型企业/).check();
  await expect(page.getByTestId('confirm-amount')).toHaveText('8,800.00 元');
  await page.getByLabel('更正收款账户').check();
  await page.getByLabel('开户名').fill('E2E稳岗甲公司');
  await page.getByLabel('银行账号').fill('1234567');
  await page.getByRole('button', { name: '确认无误' }).click();
  await expect(page.getByText('银行账号应为 8 至 30 位数字').first()).toBeVisible();
  await page.getByLabel('银行账号').fill('3105 0161 3936 0000 0123');
  await page.getByLabel('开户行').fill('中国建设银行开州支行');
  await page.getByRole('button', { name: '确认无误' }).click();
  // A changed size class and account wait for HR's review (another test walks that); finance sees it held.
  const done = page.getByTestId('confirm-done');
  await expect(done).toContainText('待人社复核');
  await expect(done).toContainText('8,800.00 元');
  await expect(done).toContainText('3105************0123');
  await finance.goto(`/finance/wage-refund?year=2025&q=${a}`);
  await expect(finance.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a })).toContainText('待人社复核');
  const review = finance.getByTestId('wage-refund-review').filter({ hasText: a });
  await expect(review).toContainText('3105************0123');
  await expect(review.getByRole('button', { name: '复核通过' })).toHaveCount(0); // finance does not review
});

test('稳岗返还: an enterprise confirms with a changed account; HR sees old and new; a second HR reviewer accepts; the line enters the year batch', async ({ page, browser }) => {
  test.setTimeout(240_000); // four people at four desks
  const year = '2023'; // its own year: no other spec batches it
  const a = uscc();
  const m = mobile();
  const hr = await desk(browser, 'hr', '/review');
  await hr.goto('/review/wage-refund');
  const form = hr.getByRole('form', { name: '导入参保数据' });
  await form.getByLabel('政策年度').selectOption(year);
  await form.getByLabel('参保数据文件（上年度）').setInputFiles({ name: '参保数据-复核.csv', mimeType: 'text/csv', buffer: csv([HEADER, [a, 'E2E复核公司', '中小微', 40, 1, '88000.00', 24, '否', '否', '否', '否', m, 'E2E复核公司', '6228480012345670001', '中国农业银行开州支行']]) });
  await form.getByRole('button', { name: '上传并测算' }).click();
  await expect(hr.getByTestId('import-result')).toContainText('共 1 家企业');
  await hr.goto(`/review/wage-refund?year=${year}&q=${a}`);
  await hr.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a }).getByRole('button', { name: '发送确认码' }).click();
  await expect(hr.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a })).toContainText('已通知待确认');

  // The enterprise reads the code on its phone and confirms with a different account.
  const code = codeIn(await lastSmsTo(m));
  await page.goto('/wage-refund/confirm');
  await page.getByLabel('统一社会信用代码').fill(a);
  await page.getByLabel('短信确认码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { name: 'E2E复核公司' })).toBeVisible();
  await page.getByLabel('更正收款账户').check();
  await page.getByLabel('开户名').fill('E2E复核公司');
  await page.getByLabel('银行账号').fill('6217000099990001');
  await page.getByLabel('开户行').fill('重庆农村商业银行开州支行');
  await page.getByRole('button', { name: '确认无误' }).click();
  await expect(page.getByTestId('confirm-done')).toContainText('待人社复核');

  // HR (who imported) sees old and new side by side but may not decide.
  await hr.goto(`/review/wage-refund?year=${year}`);
  const mine = hr.getByTestId('wage-refund-review').filter({ hasText: a });
  await expect(mine).toContainText('原数据（导入）');
  await expect(mine).toContainText('6228***********0001');
  await expect(mine).toContainText('企业更正后');
  await expect(mine).toContainText('6217********0001');
  await expect(mine).toContainText('该企业数据由您导入，须由其他人社审核员复核');
  await expect(mine.getByRole('button', { name: '复核通过' })).toHaveCount(0);

  // A second HR reviewer accepts.
  const hr2 = await desk(browser, 'hr2', '/review');
  await hr2.goto(`/review/wage-refund?year=${year}`);
  const theirs = hr2.getByTestId('wage-refund-review').filter({ hasText: a });
  await expect(theirs).toContainText('6228***********0001');
  await expect(theirs).toContainText('6217********0001');
  await theirs.getByRole('button', { name: '复核通过' }).click();
  await expect(hr2.getByTestId('wage-refund-review').filter({ hasText: a })).toHaveCount(0);
  await hr2.goto(`/review/wage-refund?year=${year}&q=${a}`);
  await expect(hr2.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a })).toContainText('企业已确认');

  // The year batch takes the line, paying the new account.
  hr2.on('dialog', (d) => void d.accept());
  await hr2.getByRole('button', { name: '生成年度拨付批次' }).click();
  await expect(hr2.getByTestId('year-action-result')).toContainText(`拨付批次 WR${year}-R0`);
  const finance = await desk(browser, 'finance', '/finance');
  await finance.goto(`/finance?tab=prepared&q=WR${year}-R0`);
  await finance.getByRole('link', { name: `WR${year}-R0` }).click();
  await expect(finance.getByRole('main')).toContainText('E2E复核公司');
  await expect(finance.getByRole('main')).toContainText('6217********0001');
});

test('一次性吸纳就业补贴: the applicant files its hires on a phone; HR approves with the engine; the year batch is created @phone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const n = Math.floor(Math.random() * 900) + 100;
  const grad = idNumber(`500234200101${String(10 + (n % 18))}${n}`);
  const hard = idNumber(`500234199003${String(10 + (n % 18))}${n}`);
  const company = uscc();
  const applicant = page;
  await applicant.goto('/login');
  await applicant.getByLabel('用户名或手机号').fill('13800000001');
  await applicant.getByLabel('密码').fill('Kaizhou@2026');
  await applicant.getByRole('button', { name: '登录' }).click();
  await expect(applicant).toHaveURL(/\/portal$/);
  await applicant.getByRole('link', { name: /^一次性吸纳就业补贴/ }).click();
  await applicant.getByRole('link', { name: '新增申报' }).click();

  await applicant.getByLabel('补贴项目').selectOption({ label: '一次性吸纳就业补贴' });
  await applicant.getByLabel('单位名称').fill('E2E吸纳就业企业');
  await applicant.getByLabel('统一社会信用代码').fill(company);
  await applicant.getByLabel('开户名').fill('E2E吸纳就业企业');
  await applicant.getByLabel('银行账号').fill('6217000012345678');
  await applicant.getByLabel('开户行').fill('重庆农村商业银行开州支行');
  const first = applicant.getByRole('group', { name: '第 1 名人员' });
  await first.getByLabel('姓名').fill('毕业生甲');
  await first.getByLabel('身份证号').fill(`${grad.slice(0, 17)}${grad[17] === '0' ? '1' : '0'}`); // wrong check digit first
  await first.getByLabel('人员类别').selectOption({ label: '高校毕业生' });
  await first.getByLabel('劳动合同期限（月）').fill('12');
  await first.getByLabel('连续参保月数').fill('6');
  await applicant.getByRole('button', { name: '增加一名人员' }).click();
  const second = applicant.getByRole('group', { name: '第 2 名人员' });
  await second.getByLabel('姓名').fill('困难人员乙');
  await second.getByLabel('身份证号').fill(hard);
  await second.getByLabel('人员类别').selectOption({ label: '就业困难人员（脱贫人口等）' });
  await second.getByLabel('劳动合同期限（月）').fill('24');
  await second.getByLabel('连续参保月数').fill('8');
  await applicant.getByRole('button', { name: '提交申报' }).click();
  await expect(first.getByText('身份证号码校验位不正确')).toBeVisible();
  await first.getByLabel('身份证号').fill(grad);
  await applicant.getByRole('button', { name: '提交申报' }).click();
  await expect(applicant).toHaveURL(/filed=1/);
  const number = /XN\d{10}/.exec((await applicant.getByRole('status').textContent()) ?? '')![0];
  await expect(applicant.getByTestId('filing-hires')).toContainText('待审核');

  // HR: the queue, the engine's preview, approval.
  const hr = await desk(browser, 'hr', '/review');
  await hr.getByRole('link', { name: '吸纳就业补贴' }).click();
  await hr.getByLabel('搜索申报').fill(number);
  await hr.getByRole('button', { name: '查询' }).click();
  await hr.getByRole('link', { name: number }).click();
  await expect(hr.getByTestId('filing-preview')).toHaveText('8,000.00 元');
  await expect(hr.getByTestId('filing-hires')).not.toContainText(grad); // masked
  await hr.getByLabel(/审核通过/).check();
  await hr.getByRole('button', { name: '提交审核意见' }).click();
  await expect(hr.getByTestId('filing-amount')).toHaveText('8,000.00 元');
  await expect(hr.getByText('审核通过', { exact: true })).toBeVisible();

  // The applicant sees the result.
  await applicant.goto('/portal/hiring');
  const mine = applicant.getByTestId('my-hiring-filings').getByRole('link', { name: new RegExp(number) });
  await expect(mine).toContainText('2 人 · 核定 8,000.00 元');
  await expect(mine).toContainText(/审核通过|已纳入拨付批次/); // the other project's run may have batched it already

  // HR creates the year's batch from approved filings (once: again, it is told the batch exists).
  const year = number.slice(2, 6);
  await hr.goto('/review/hiring');
  hr.on('dialog', (d) => void d.accept());
  await hr.getByLabel('政策年度', { exact: true }).selectOption(year);
  await hr.getByRole('button', { name: '生成年度拨付批次' }).click();
  await expect(hr.getByTestId('hiring-batch-result')).toContainText(`拨付批次 HS${year}-R0`);
  await hr.goto(`/review/hiring?tab=all&q=${number}`);
  // When the phone and desktop runs share the database, the other run may have made the batch before this approval.
  await expect(hr.getByTestId('hiring-queue').getByRole('row').filter({ hasText: number })).toContainText(/已纳入拨付批次|审核通过/);
});

test('HR runs 稳岗返还 from the reviewer console: imports the insurance data and sees the engine’s list', async ({ browser }) => {
  const a = uscc();
  const hr = await desk(browser, 'hr', '/review');
  await hr.getByRole('link', { name: '稳岗返还' }).click();
  await expect(hr).toHaveURL(/\/review\/wage-refund$/);
  await expect(hr.getByRole('heading', { level: 1 })).toHaveText('稳岗返还（免申即享）');
  await expect(hr.getByRole('link', { name: '返回审核工作台' })).toBeVisible();
  await uploadInsuranceFile(hr, '参保数据-人社.csv', csv([HEADER, [a, 'E2E人社导入公司', '中小微', 10, 0, '20000.00', 24, '否', '否', '否', '否', mobile(), 'E2E人社导入公司', '6228480012345670000', '中国农业银行开州支行']]));
  await expect(hr.getByTestId('import-result')).toContainText('共 1 家企业');
  await expect(hr).toHaveURL(/\/review\/wage-refund\?year=2025/);
  await hr.getByLabel('搜索企业').fill(a);
  await hr.getByRole('button', { name: '查询' }).click();
  // Chongqing 2025: SME 20 % of 20,000.00.
  await expect(hr.getByTestId('wage-refund-list').getByRole('row').filter({ hasText: a })).toContainText('4,000.00 元');
  await expect(hr.getByRole('link', { name: '短信发送记录' })).toHaveAttribute('href', '/review/wage-refund/sms');
});
