import fs from 'node:fs';
import path from 'node:path';

/** The data directory of a default installation: database, uploads, anchors, demo secrets' old home. */
export const dataRoot = () => path.join(process.cwd(), '.data');

const inside = (dir: string, root: string) => {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Create `dir` (and its parents) readable by the server's user only. When it lies in `.data`,
 * `.data` itself is made 0700 first — created so, or tightened if an older version left it
 * open — so nothing under it is reachable by other local users whatever its own mode.
 */
export function ensurePrivateDir(dir: string, mode = 0o700, root = dataRoot()): void {
  const abs = path.resolve(dir);
  if (inside(abs, root)) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && (fs.statSync(root).mode & 0o077) !== 0) fs.chmodSync(root, 0o700);
  }
  fs.mkdirSync(abs, { recursive: true, mode });
}
