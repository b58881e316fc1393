import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, integer, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** PostgreSQL bytea: a Buffer in and out (PGlite answers with a Uint8Array, wrapped without copying). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * Uploaded documents and frozen export files (lib/server/storage/db-file-store.ts), so that any
 * app process serves any file and one database backup holds everything. A file is written in
 * chunks while it streams in, as a row without `committed_at` (invisible to readers); the
 * caller commits it (in its own transaction when it has one) or discards it. Rows never
 * committed are swept by the worker after a day.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    /** `ab/<30 hex>`: random, never derived from the uploaded name (the same keys the disk store used). */
    key: varchar('key', { length: 64 }).primaryKey(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    chunkCount: integer('chunk_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    check('stored_files_key_format', sql`${t.key} ~ '^[0-9a-f]{2}/[0-9a-f]{30}$'`),
    index('stored_files_uncommitted_idx').on(t.createdAt).where(sql`${t.committedAt} is null`),
  ],
);

/** The bytes of a stored file, in order (`seq` from 0), at most 256 KiB a chunk. */
export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    fileKey: varchar('file_key', { length: 64 }).notNull().references(() => storedFiles.key, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileKey, t.seq] })],
);

export type StoredFile = typeof storedFiles.$inferSelect;
