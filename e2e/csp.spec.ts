import { expect, test, type Page } from '@playwright/test';
import { loginAs } from './helpers/auth';

// Every page, as every role: none may trip the Content-Security-Policy (a blocked script, style,
// image or frame shows up as a console error and as a securitypolicyviolation event).
const UUIDISH = '[0-9a-f-]{8,}';

interface RolePages {
  user: string | null;
  home: string;
  pages: string[];
  /** A list page and the pattern of the detail links on it: the first one found is visited too. */
  details?: { on: string; link: RegExp; follow?: RegExp }[];
}

const SWEEP: RolePages[] = [
  { user: null, home: '/', pages: ['/', '/login', '/register', '/forgot-password', '/wage-refund/confirm', '/forbidden'] },
  {
    user: '13800000001',
    home: '/portal',
    // The demo applicant has no application yet: apply.spec.ts walks the wizard's pages.
    pages: ['/portal', '/portal/notifications', '/portal/hiring', '/portal/hiring/new', '/account/password'],
  },
  {
    user: 'hr',
    home: '/review',
    pages: ['/review', '/review?tab=all', '/review/catalog', '/review/claims', '/review/hiring', '/review/servicing', '/review/wage-refund', '/review/wage-refund/sms', '/stats', '/account/password'],
    details: [
      // The application's documents (文书): the print view of its 受理回执.
      { on: '/review?tab=all', link: new RegExp(`^/review/${UUIDISH}$`), follow: /\/papers\/receipt$/ },
      { on: '/review/claims', link: new RegExp(`^/review/claims/${UUIDISH}$`) },
      { on: '/review/hiring', link: new RegExp(`^/review/hiring/${UUIDISH}$`) },
    ],
  },
  { user: 'guarantee', home: '/review', pages: ['/review', '/review?tab=all', '/review/servicing'], details: [{ on: '/review?tab=all', link: new RegExp(`^/review/${UUIDISH}$`) }] },
  {
    user: 'bank',
    home: '/review',
    pages: ['/review', '/review?tab=all', '/review/servicing', '/review/claims'],
    details: [{ on: '/review?tab=all', link: new RegExp(`^/review/${UUIDISH}$`) }],
  },
  {
    user: 'finance',
    home: '/finance',
    pages: ['/finance', '/finance/wage-refund', '/finance/wage-refund/sms', '/stats'],
    details: [{ on: '/finance?tab=all', link: new RegExp(`^/finance/batches/${UUIDISH}$`), follow: /\/approval-sheet$/ }],
  },
  { user: 'admin', home: '/admin', pages: ['/admin', '/admin/users/new', '/admin/requests', '/admin/organisations', '/admin/policy', '/admin/catalog', '/admin/api-tokens', '/stats'] },
  { user: 'security', home: '/admin', pages: ['/admin', '/admin/requests'] },
  {
    user: 'auditor',
    home: '/audit',
    pages: ['/audit', '/audit/applications', '/audit/batches', '/stats'],
    details: [
      { on: '/audit/applications', link: new RegExp(`^/audit/applications/${UUIDISH}$`), follow: /\/papers\/receipt$/ },
      { on: '/audit/batches', link: new RegExp(`^/audit/batches/${UUIDISH}$`) },
    ],
  },
];

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(`${page.url()}: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return violations;
}

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp, path).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(d);
  await page.waitForLoadState('networkidle');
}

for (const r of SWEEP) {
  test(`CSP sweep: every page of ${r.user ?? 'a signed-out visitor'} loads without a violation`, async ({ page }) => {
    test.setTimeout(120_000);
    const violations = await watchCsp(page);
    if (r.user) await loginAs(page, r.user, r.home);
    for (const p of r.pages) await visit(page, p);
    // Detail pages: the first one each list links to (the demo data has some of most kinds).
    const details: { href: string; follow?: RegExp }[] = [];
    const links = () => page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const d of r.details ?? []) {
      await visit(page, d.on);
      const href = (await links()).find((h) => d.link.test(h));
      if (href) details.push({ href, follow: d.follow });
    }
    for (const { href, follow } of details) {
      await visit(page, href);
      // A page the detail links to (an official document's print view): it must be there and pass too.
      if (follow) {
        const next = (await links()).find((h) => follow.test(h));
        expect(next, `${href} links to ${follow}`).toBeTruthy();
        await visit(page, next!);
      }
    }
    if (r.details) expect(details.length, 'detail pages found').toBeGreaterThan(0);
    if (!r.user) {
      // The nonce lets Next's scripts run: the login form hydrates (its button is disabled until then).
      await visit(page, '/login');
      await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
    }
    expect(violations).toEqual([]);
  });
}
