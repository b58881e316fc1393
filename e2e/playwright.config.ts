import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// The test SMS gateway's output: the server's drain appends each message here, and the specs
// read codes from it as an enterprise reads its phone (never from a staff page).
process.env.E2E_SMS_FILE ??= path.resolve(process.cwd(), '.data', `e2e-sms-${PORT}.jsonl`);

// Debian's chromium: browser downloads are impossible on these machines.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? '../test-results/e2e.json' }]],
  // Traces and screenshots of failures; kept apart from the JSON reports in ../test-results.
  outputDir: '.output',
  use: { baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', trace: 'retain-on-failure' },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions }, testIgnore: /\.pg\.spec\.ts$/ },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/, testIgnore: /\.pg\.spec\.ts$/ },
    // Specs that need direct access to the database (e.g. tampering with the audit log as its
    // owner) run on PostgreSQL only — PGlite is held by the server process — and after all
    // others, so nothing else sees the moment the chain is broken.
    ...(process.env.E2E_DATABASE_URL
      ? [{ name: 'postgres-direct', use: { ...devices['Desktop Chrome'], launchOptions }, testMatch: /\.pg\.spec\.ts$/, dependencies: ['desktop', 'phone'] }]
      : []),
  ],
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    cwd: '..',
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { E2E_PORT: String(PORT), NEXTAUTH_URL: baseURL, E2E_SMS_FILE: process.env.E2E_SMS_FILE, ...(process.env.E2E_DATABASE_URL ? { E2E_DATABASE_URL: process.env.E2E_DATABASE_URL } : {}) },
  },
});
