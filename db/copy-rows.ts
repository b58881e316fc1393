import type { Writable } from 'node:stream';
import type { Tx } from './client';

/**
 * Bulk insert with `COPY … FROM STDIN` (text format) inside an open transaction, on either
 * driver: node-postgres through pg-copy-streams, PGlite through its `/dev/blob` input. A
 * large insert travels as tab-separated text — no parameters to bind, no JSON to parse on
 * the server. Values are strings (or null); the column types do the casting, as they would
 * for a literal.
 */

type Cell = string | null;

/** A value in COPY's text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyText(v: Cell): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

export const copyLine = (cells: readonly Cell[]) => `${cells.map(copyText).join('\t')}\n`;

interface PgLikeClient {
  query(q: unknown): unknown;
}
interface PgliteLikeClient {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** The driver's client under a drizzle transaction (drizzle keeps it as `session.client`). */
function clientOf(tx: Tx): { pg?: PgLikeClient; pglite?: PgliteLikeClient } {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as Record<string, unknown> | undefined;
  if (!client) throw new Error('copyRows: no database client under this transaction');
  // node-postgres clients have a `connection`; PGlite's transaction object has none.
  return 'connection' in client ? { pg: client as unknown as PgLikeClient } : { pglite: client as unknown as PgliteLikeClient };
}

/**
 * COPY `chunks` (each a run of complete lines built with `copyLine`) into `table (columns)`.
 * `chunks` may be produced while the copy runs: PostgreSQL receives each as it comes.
 */
export async function copyRows(tx: Tx, table: string, columns: readonly string[], chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const statement = `copy ${table} (${columns.join(', ')}) from stdin`;
  const { pg, pglite } = clientOf(tx);
  if (pg) {
    const { from } = await import('pg-copy-streams');
    const stream = pg.query(from(statement)) as Writable;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    let failed: unknown = null;
    stream.on('error', (e) => (failed = e));
    for await (const chunk of chunks) {
      if (failed) break;
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve).once('error', () => resolve()));
    }
    stream.end();
    await done;
    return;
  }
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  await pglite!.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob(parts) });
}
