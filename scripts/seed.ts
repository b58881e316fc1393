// Seed reference data; with --demo also one demo account per role (README lists them).
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { migrationPlan } from '../db/app-role';
import { env } from '../lib/env';
import { seedDemo, seedReferenceData } from '../db/seed';

const demo = process.argv.includes('--demo');
const h = await createDb();
try {
  await migrateDb(h, migrationPlan(env()));
  await (demo ? seedDemo(h.db) : seedReferenceData(h.db));
  console.log(`seeded ${demo ? 'reference data and demo accounts' : 'reference data'} (${h.driver})`);
} finally {
  await h.close();
}
