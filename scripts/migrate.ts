// Apply pending migrations to DATABASE_URL, or to the PGlite directory when it is unset.
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';

const h = await createDb();
try {
  await migrateDb(h);
  console.log(`migrations applied (${h.driver})`);
} finally {
  await h.close();
}
