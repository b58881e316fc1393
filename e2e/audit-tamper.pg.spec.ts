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

test('the auditor anchors the head outside the database and downloads it; deleting the newest rows then shows the chain does not reach the anchor', async ({ page }) => {
  await loginAs(page, 'auditor', '/audit');
  await page.getByRole('button', { name: '立即锚定' }).click();
  await expect(page.getByTestId('anchor-result')).toContainText('已锚定至第');
  const anchorSeq = Number((await page.getByTestId('anchor-result').textContent())!.match(/第 (\d+) 号/)![1]);
  await page.reload();
  await expect(page.getByTestId('anchor-status')).toContainText(`最新锚点：第 ${anchorSeq} 号记录`);
  await expect(page.getByTestId('chain-status')).toContainText(`已到达最新锚点（第 ${anchorSeq} 号记录）`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载最新锚点' }).click();
  const anchorText = await (await download).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(JSON.parse(anchorText)).toMatchObject({ type: 'kaizhou-audit-anchor', seq: anchorSeq });

  // As the owner: remove the anchored row and everything after it, the way someone hiding their last actions would.
  const kept = await withOwner(async (c) => (await c.query(`select * from audit_log where seq >= $1 order by seq`, [anchorSeq])).rows);
  const restore = () =>
    withOwner(async (c) => {
      await c.query('alter table audit_log disable trigger audit_log_no_update_delete');
      await c.query('delete from audit_log where seq >= $1', [anchorSeq]);
      for (const r of kept) {
        await c.query(
          `insert into audit_log (seq, at, actor_id, actor_role, event, object_type, object_id, result, detail, ip, prev_hash, hash, hash_version) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          [r.seq, r.at, r.actor_id, r.actor_role, r.event, r.object_type, r.object_id, r.result, JSON.stringify(r.detail), r.ip, r.prev_hash, r.hash, r.hash_version],
        );
      }
      await c.query('alter table audit_log enable trigger audit_log_no_update_delete');
    });
  await withOwner(async (c) => {
    await c.query('alter table audit_log disable trigger audit_log_no_update_delete');
    await c.query('delete from audit_log where seq >= $1', [anchorSeq]);
    await c.query('alter table audit_log enable trigger audit_log_no_update_delete');
  });
  try {
    await page.reload();
    await expect(page.getByTestId('chain-status')).toContainText(`第 ${anchorSeq} 号记录是最新锚点记录的链头，但审计链未到达该记录`);
    // The kept copy, held up against the log, is not confirmed either.
    await page.getByLabel('锚点文件内容').fill(anchorText);
    await page.getByRole('button', { name: '核对锚点文件' }).click();
    await expect(page.getByTestId('witness-result')).toContainText(`不一致：第 ${anchorSeq} 号记录`);
  } finally {
    await restore();
  }
  await page.reload();
  await expect(page.getByTestId('chain-status')).toContainText('审计链校验通过');
  await page.getByLabel('锚点文件内容').fill(anchorText);
  await page.getByRole('button', { name: '核对锚点文件' }).click();
  await expect(page.getByTestId('witness-result')).toContainText(`一致：审计链完整地到达第 ${anchorSeq} 号记录`);
});
