// Re-encrypt every sealed personal value (身份证号, mobiles, bank accounts, application forms,
// TOTP secrets) from PII_KEY_OLD to PII_KEY. See README, “更换 PII_KEY”.
//   PII_KEY_OLD=<old> PII_KEY=<new> PII_INDEX_KEY=<index key> npm run pii:rekey
import { createDb } from '../db/client';
import { migrationPlan } from '../db/app-role';
import { env } from '../lib/env';
import { rekeyPii } from '../lib/server/crypto/rekey-pii';

const cfg = env();
if (!cfg.PII_KEY_OLD) {
  console.error('PII_KEY_OLD (the key the data is sealed with now) and PII_KEY (the new one) are both needed.');
  process.exit(1);
}
if (cfg.PII_INDEX_KEY === cfg.PII_KEY) {
  console.error(
    'The blind indexes (身份证号, mobile, codes) are keyed with PII_INDEX_KEY, which defaults to PII_KEY: set PII_INDEX_KEY to the key they were made with (your old PII_KEY, unless you had set PII_INDEX_KEY) and keep it set from now on; then run this again.',
  );
  process.exit(1);
}
// As the schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL): see rekeyPii.
const h = await createDb({ url: migrationPlan(cfg).url });
try {
  const r = await rekeyPii(h.db, Buffer.from(cfg.PII_KEY_OLD, 'base64'), Buffer.from(cfg.PII_KEY, 'base64'));
  for (const table of Object.keys(r.rekeyed)) console.log(`${table.padEnd(22)} re-encrypted ${r.rekeyed[table]}, already under the new key ${r.alreadyNew[table]}`);
  console.log('Done. Start the app with the new PII_KEY (and PII_INDEX_KEY); PII_KEY_OLD is no longer needed.');
} finally {
  await h.close();
}
