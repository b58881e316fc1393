import { defineConfig } from 'vitest/config';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The multi-process test (several `next start` processes and a worker on one PostgreSQL): it
 * needs the production build, so `npm test` runs it after `next build` (scripts/test-all.sh),
 * apart from the unit and integration run.
 */
export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    include: ['tests/multiprocess/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/setup.ts'],
  },
});
