// Seed reference data; with --demo also one demo account per role (README lists them).
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedDemo, seedReferenceData } from '../db/seed';

const demo = process.argv.includes('--demo');
const h = await createDb();
try {
  await migrateDb(h);
  await (demo ? seedDemo(h.db) : seedReferenceData(h.db));
  console.log(`seeded ${demo ? 'reference data and demo accounts' : 'reference data'} (${h.driver})`);
} finally {
  await h.close();
}
