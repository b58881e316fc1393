import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { DataDirLockedError } from '@/db/dir-lock';

describe('PGlite data directory lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-lock-'));
  const dataDir = path.join(dir, 'pglite');
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  afterAll(() => {
    sleeper.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with a clear error while another live process holds the directory', async () => {
    fs.writeFileSync(`${dataDir}.lock`, String(sleeper.pid));
    const err = await createDb({ url: '', pgliteDir: dataDir }).catch((e) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err.message).toContain(String(sleeper.pid));
  });

  it('takes over a stale lock left by a dead process, and releases it on close', async () => {
    fs.writeFileSync(`${dataDir}.lock`, '999999');
    const h = await createDb({ url: '', pgliteDir: dataDir });
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await h.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
