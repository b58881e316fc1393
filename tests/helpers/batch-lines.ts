import { eq, sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { subsidyBatches, subsidyLines } from '@/db/schema';

type NewLine = typeof subsidyLines.$inferInsert;

/**
 * Add lines to a batch the way the use-cases do, with the batch's count and total in the same
 * transaction (the database checks at commit that they are its lines').
 */
export async function addLinesKeepingTotals(db: Db, batchId: string, lines: NewLine[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(subsidyLines).values(lines);
    const total = lines.reduce((s, l) => s + l.amountFen, 0n);
    await tx
      .update(subsidyBatches)
      .set({ lineCount: sql`${subsidyBatches.lineCount} + ${lines.length}`, totalFen: sql`${subsidyBatches.totalFen} + ${total}` })
      .where(eq(subsidyBatches.id, batchId));
  });
}

/**
 * Tamper with subsidy lines as the tables' owner could (the app role cannot): the guard
 * triggers are off for this one transaction only. For tests of what the code does when the
 * data changed behind its back.
 */
export async function tamperAsOwner(owner: DbHandle, run: (db: Db) => Promise<unknown>): Promise<void> {
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql`alter table subsidy_lines disable trigger user`);
    await run(tx as unknown as Db);
    await tx.execute(sql`alter table subsidy_lines enable trigger user`);
  });
}
