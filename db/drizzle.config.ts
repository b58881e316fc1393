import { defineConfig } from 'drizzle-kit';

// `generate` needs no database; the runtime migrator (scripts/migrate.ts) applies the files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
