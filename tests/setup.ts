// `server-only` throws when imported outside a React Server environment; the
// use-cases are plain functions, so tests may import them directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, vi } from 'vitest';
vi.mock('server-only', () => ({}));

// Audit anchors of this test file's databases: a scratch directory, never the developer's .data.
const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-audit-anchors-'));
process.env.AUDIT_ANCHOR_DIR = anchorDir;
afterAll(() => fs.rmSync(anchorDir, { recursive: true, force: true }));
process.env.LOG_LEVEL ??= 'silent';
