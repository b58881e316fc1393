import { configDefaults, defineConfig } from 'vitest/config';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Needs the production build: run after `next build` (tests/multiprocess/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'tests/multiprocess/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['tests/setup.ts'],
  },
});
