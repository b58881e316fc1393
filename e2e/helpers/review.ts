import { expect, type Browser, type Page } from '@playwright/test';
import { loginAs } from './auth';

/** A fresh browser context per role, like separate people at separate desks. */
export async function desk(browser: Browser, user: string, home: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(page, user, home);
  return page;
}

/** Find an application by its number in the reviewer's queue (all tabs) and open it. */
export async function openFromQueue(page: Page, number: string) {
  await page.goto('/review?tab=all');
  await page.getByLabel('搜索申请').fill(number);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
}

/** HR grants every 三免两贴两推荐 item still open on the page (each with the first catalogue entry offered). */
export async function grantOpenBenefits(page: Page) {
  const open = page.locator('[data-testid^="benefit-"]').filter({ hasText: '待审核' });
  while ((await open.count()) > 0) {
    // A stable handle: the filtered locator stops matching once the item is decided.
    const item = page.getByTestId((await open.first().getAttribute('data-testid'))!);
    const catalogue = item.getByLabel(/目录$/);
    if (await catalogue.count()) {
      const first = await catalogue.first().locator('option[value]:not([value=""])').first().getAttribute('value');
      if (first) await catalogue.first().selectOption(first);
    }
    if (await item.getByLabel('免租月数').count()) await item.getByLabel('免租月数').fill('3');
    await item.getByRole('button', { name: '保存' }).click();
    await expect(item).not.toContainText('待审核');
  }
}

/** Open the application and approve it at the reviewer's stage. */
export async function approve(page: Page, number: string) {
  await openFromQueue(page, number);
  await grantOpenBenefits(page);
  await page.getByLabel('审核通过', { exact: true }).check();
  await page.getByRole('button', { name: '提交审核意见' }).click();
  await expect(page).toHaveURL(/\/review\?done=1/);
}
