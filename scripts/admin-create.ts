// `npm run admin:create -- --username <name> --name <real name> --mobile <11 digits> [--role admin|security_admin|auditor] [--print-password]`
// The first administrators of a deployment without demo data (two of each kind at most; after
// that a second administrator approves new accounts in /admin/requests). The one-time password goes
// by SMS to that mobile (run a worker with SMS_GATEWAY set), or with --print-password to this
// terminal only. The account changes it and enrols its authenticator at the first login.
import { createDb } from '../db/client';
import { migrationPlan } from '../db/app-role';
import { migrateDb } from '../db/migrate';
import { seedReferenceData } from '../db/seed';
import { env } from '../lib/env';
import { isAppError } from '../lib/errors/app-error';
import { bootstrapAdministrator } from '../lib/server/users/bootstrap-administrator';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const h = await createDb();
try {
  const cfg = env();
  if (cfg.DB_MIGRATE_ON_START !== '0') await migrateDb(h, migrationPlan(cfg));
  await seedReferenceData(h.db);
  const r = await bootstrapAdministrator(
    h.db,
    { username: arg('username'), realName: arg('name'), mobile: arg('mobile'), role: arg('role') ?? 'admin' },
    { print: process.argv.includes('--print-password') },
  );
  console.log(`已创建 ${r.role} 账号 ${r.username}。`);
  console.log(r.password ? `一次性密码（只显示这一次，首次登录须修改）：${r.password}` : '一次性密码已通过短信发送至该手机号（需运行 worker 且设置 SMS_GATEWAY）。');
} catch (e) {
  if (isAppError(e)) {
    console.error(e.userMessage);
    process.exitCode = 1;
  } else throw e;
} finally {
  await h.close();
}
