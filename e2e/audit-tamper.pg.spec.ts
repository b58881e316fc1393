import { expect, test } from '@playwright/test';
import pg from 'pg';
import { loginAs } from './helpers/auth';

/** As the database owner (not through the app), change one audit row, then put it back. */
async function withOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

test('the auditor sees the chain verified, then broken at the row tampered with in the database, then verified once restored', async ({ page }) => {
  await loginAs(page, 'auditor', '/audit');
  await expect(page.getByTestId('chain-status')).toContainText('审计链校验通过');

  const { seq, detail } = await withOwner(async (c) => (await c.query(`select seq, detail from audit_log where event = 'auth.login' order by seq limit 1`)).rows[0]);
  const rewrite = (json: unknown) =>
    withOwner(async (c) => {
      await c.query('alter table audit_log disable trigger audit_log_no_update_delete');
      await c.query('update audit_log set detail = $1 where seq = $2', [JSON.stringify(json), seq]);
      await c.query('alter table audit_log enable trigger audit_log_no_update_delete');
    });
  // The application itself cannot change it: the trigger refuses.
  await expect(withOwner((c) => c.query(`update audit_log set detail = '{}' where seq = $1`, [seq]))).rejects.toThrow(/append-only/);

  await rewrite({ ...detail, tampered: true });
  try {
    await page.reload();
    const status = page.getByTestId('chain-status');
    await expect(status).toContainText('审计链校验失败');
    await expect(status).toContainText(`第 ${seq} 号记录`);
  } finally {
    await rewrite(detail);
  }
  await page.reload();
  await expect(page.getByTestId('chain-status')).toContainText('审计链校验通过');
});
