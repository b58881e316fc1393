import type { Db } from '../client';
import { seedDemoAccounts } from './demo-accounts';
import { seedOrganisations } from './organisations';
import { seedTowns } from './towns';
import { seedCalendar } from './calendar';
import { seedCatalog } from './catalog';
import { seedDemoHistory } from './demo-history';
import { hashPassword } from '@/lib/server/crypto/password';
import { DEMO_PASSWORD } from './demo-accounts';

/** Reference data every deployment needs. */
export async function seedReferenceData(db: Db) {
  await db.transaction(async (tx) => {
    await seedOrganisations(tx);
    await seedTowns(tx);
    await seedCalendar(tx);
  });
}

/** Reference data plus one demo account per role. */
export async function seedDemo(db: Db) {
  await seedReferenceData(db);
  await db.transaction(async (tx) => {
    await seedDemoAccounts(tx);
    await seedCatalog(tx);
    await seedDemoHistory(tx, await hashPassword(DEMO_PASSWORD));
  });
}
