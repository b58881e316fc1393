import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers/auth';

// Each `callbackUrl` a phishing link might carry, as typed into the address bar (raw) and as a
// link would encode it: after logging in, the browser must still be on this site.
const VARIANTS = [
  '/\\evil.example',
  '//evil.example',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  'https://evil.example/',
  '\\\\evil.example',
  'javascript:alert(document.domain)',
];

test('a callbackUrl pointing off the site lands on the site after login', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const site = new URL(baseURL!);
  const offsite: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).hostname.includes('evil')) offsite.push(r.url());
  });
  page.on('dialog', (d) => {
    offsite.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  for (const [i, v] of VARIANTS.entries()) {
    const query = i % 2 === 0 ? encodeURIComponent(v) : v.replace(/[\t\n]/g, encodeURIComponent);
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${query}`);
    await page.getByLabel('用户名或手机号').fill('13800000001');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page, `callbackUrl=${JSON.stringify(v)}`).toHaveURL(/\/portal$/);
    expect(new URL(page.url()).host).toBe(site.host);
  }
  expect(offsite).toEqual([]);

  // A same-site path is still honoured.
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent('/portal/notifications')}`);
  await page.getByLabel('用户名或手机号').fill('13800000001');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/portal\/notifications$/);
});
