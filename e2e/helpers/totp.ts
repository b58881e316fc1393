import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { generate } from 'otplib';

/** The TOTP secret every demo staff account is enrolled with (README prints it; db/seed/demo-accounts.ts). */
export const DEMO_TOTP_SECRET = 'JBKZDEMO2TOTP3SECRET4KAIZHOU5XYZ';

const PERIOD_MS = 30_000;

// The server accepts the current step and one either side, and never a step at or before the last
// one a user logged in with. Workers run in separate processes, so the steps each user has been
// given are kept in a file shared by all workers of this server (guarded by a mkdir lock).
const stateFile = path.join(os.tmpdir(), `kz-e2e-totp-${process.env.E2E_PORT ?? '3100'}.json`);
const lockDir = `${stateFile}.lock`;

async function withLock<T>(fn: () => T): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // A lock left by a killed worker is taken over after 5 s.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5_000) fs.rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 10 + (i % 5) * 5));
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

const readState = (): Record<string, number> => {
  try {
    return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
};

/**
 * A code `user` has not logged in with yet: the current step, else the next one (the server's
 * drift window allows it), else — a third login within 30 s — wait for the next step. The wait
 * is added to the test's time limit, so a busy account slows a test down but never fails it.
 */
export async function nextTotpCode(user: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  for (;;) {
    const pick = await withLock(() => {
      const state = readState();
      const current = Math.floor(Date.now() / PERIOD_MS);
      const step = Math.max(current, (state[user] ?? -Infinity) + 1);
      if (step > current + 1) return { waitMs: (step - 1) * PERIOD_MS - Date.now() + 100 };
      fs.writeFileSync(stateFile, JSON.stringify({ ...state, [user]: step }));
      return { step };
    });
    if (pick.step !== undefined) return generate({ secret, epoch: (pick.step * PERIOD_MS) / 1000 });
    try {
      test.info().setTimeout(test.info().timeout + pick.waitMs!);
    } catch {
      // Outside a test (a global hook): nothing to extend.
    }
    await new Promise((r) => setTimeout(r, pick.waitMs));
  }
}
