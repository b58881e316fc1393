// Apply pending migrations as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL), or to the
// PGlite directory when neither is set; then grant the app role (DB_APP_ROLE, or DATABASE_URL's
// user when it is not the owner) its rights.
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { migrationPlan } from '../db/app-role';
import { env } from '../lib/env';

const plan = migrationPlan(env());
const h = await createDb({ url: plan.url });
try {
  await migrateDb(h, plan);
  console.log(`migrations applied (${h.driver})${plan.appRole ? `; app role ${plan.appRole} granted` : ''}`);
} finally {
  await h.close();
}
