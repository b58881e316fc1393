import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { decryptWith, encryptWith } from './pii';

interface SealedField {
  /** What the SELECT reads (a column, or a field of a jsonb column). */
  read: string;
  write: (value: string) => SQL;
}

const column = (c: string): SealedField => ({ read: c, write: (v) => sql`${sql.raw(c)} = ${v}` });
const jsonField = (c: string, field: string): SealedField => ({
  read: `${c}->>'${field}'`,
  write: (v) => sql`${sql.raw(c)} = jsonb_set(${sql.raw(c)}, ${`{${field}}`}, to_jsonb(${v}::text))`,
});

/**
 * Every value sealed under PII_KEY (AES-256-GCM), by table. A new encrypted column belongs
 * here, or `npm run pii:rekey` leaves it under the old key (tests/integration/pii-at-rest.test.ts
 * checks this list against the schema's `*_enc` columns).
 */
export const SEALED: { table: string; pk: string; fields: Record<string, SealedField>; guard?: string }[] = [
  { table: 'users', pk: 'id', fields: { id_number_enc: column('id_number_enc'), mobile_enc: column('mobile_enc'), totp_secret_enc: column('totp_secret_enc'), totp_pending_enc: column('totp_pending_enc') } },
  { table: 'applications', pk: 'id', fields: { form_enc: column('form_enc'), submitted_form_enc: column('submitted_form_enc') } },
  { table: 'loans', pk: 'application_id', fields: { payout_account_enc: column('payout_account_enc') } },
  // Lines of a batch past 'prepared' are frozen by a trigger (migration 0020): the owner suspends it
  // inside each batch's transaction only — the values re-encrypted hold the same plaintext.
  { table: 'subsidy_lines', pk: 'id', fields: { payee_id_enc: column('payee_id_enc'), payee_account_enc: column('payee_account_enc') }, guard: 'subsidy_lines_frozen' },
  { table: 'wage_refund_records', pk: 'id', fields: { account_no_enc: column('account_no_enc') } },
  { table: 'hiring_filings', pk: 'id', fields: { account_no_enc: column('account_no_enc') } },
  { table: 'hiring_filing_hires', pk: 'id', fields: { id_number_enc: column('id_number_enc') } },
  // A staff account's mobile waits in its creation request until a second administrator approves.
  { table: 'admin_requests', pk: 'id', fields: { 'payload.mobileEnc': jsonField('payload', 'mobileEnc') } },
];

export interface RekeyResult {
  /** Values re-encrypted under the new key, per table. */
  rekeyed: Record<string, number>;
  /** Values already under the new key (a re-run after an interruption), per table. */
  alreadyNew: Record<string, number>;
}

const rowsOf = (r: unknown) => (r as { rows: Record<string, string | null>[] }).rows;

/**
 * Re-encrypt every sealed value from `oldKey` to `newKey`: in batches of `batchSize` rows per
 * table, each batch in its own transaction (rows locked FOR UPDATE), so a large database is
 * never held in one transaction and an interrupted run keeps what it did. Idempotent: a value
 * that already opens under the new key is left alone, so running it again finishes the job and
 * then changes nothing. A value that opens under neither key stops the run (nothing of that
 * batch is written). Blind indexes are keyed by PII_INDEX_KEY and do not change.
 *
 * `db` must be the schema owner's connection (MIGRATION_DATABASE_URL): a guard trigger (frozen
 * subsidy lines) is disabled and re-enabled within a batch's transaction, which only the owner
 * may do; no other session ever sees it disabled (the ALTER holds the table's lock until commit).
 */
export async function rekeyPii(db: Db, oldKey: Buffer, newKey: Buffer, batchSize = 500): Promise<RekeyResult> {
  if (oldKey.length !== 32 || newKey.length !== 32) throw new Error('keys must be 32 bytes');
  if (oldKey.equals(newKey)) throw new Error('the new key is the old key: nothing to do');
  const result: RekeyResult = { rekeyed: {}, alreadyNew: {} };
  for (const t of SEALED) {
    result.rekeyed[t.table] = 0;
    result.alreadyNew[t.table] = 0;
    const names = Object.keys(t.fields);
    let last: string | null = null;
    for (;;) {
      const batch: Record<string, string | null>[] = await db.transaction(async (tx) => {
        const select = sql.join(
          names.map((n, i) => sql`${sql.raw(t.fields[n].read)} as ${sql.identifier(`f${i}`)}`),
          sql`, `,
        );
        const rows = rowsOf(
          await tx.execute(
            sql`select ${sql.raw(t.pk)}::text as pk, ${select} from ${sql.identifier(t.table)} ${last === null ? sql`` : sql`where ${sql.raw(t.pk)} > ${last}`} order by ${sql.raw(t.pk)} limit ${batchSize} for update`,
          ),
        );
        if (t.guard && rows.length) await tx.execute(sql`alter table ${sql.identifier(t.table)} disable trigger ${sql.identifier(t.guard)}`);
        for (const row of rows) {
          const sets: SQL[] = [];
          names.forEach((n, i) => {
            const token = row[`f${i}`];
            if (!token) return;
            if (opens(newKey, token)) {
              result.alreadyNew[t.table]++;
              return;
            }
            let plain: string;
            try {
              plain = decryptWith(oldKey, token);
            } catch {
              throw new Error(`${t.table}.${n} of ${row.pk} opens under neither PII_KEY_OLD nor PII_KEY`);
            }
            sets.push(t.fields[n].write(encryptWith(newKey, plain)));
            result.rekeyed[t.table]++;
          });
          if (sets.length) await tx.execute(sql`update ${sql.identifier(t.table)} set ${sql.join(sets, sql`, `)} where ${sql.raw(t.pk)} = ${row.pk}`);
        }
        if (t.guard && rows.length) await tx.execute(sql`alter table ${sql.identifier(t.table)} enable trigger ${sql.identifier(t.guard)}`);
        return rows;
      });
      if (batch.length) last = batch[batch.length - 1].pk;
      if (batch.length < batchSize) break;
    }
  }
  const total = Object.values(result.rekeyed).reduce((a, b) => a + b, 0);
  await writeAuditLog(db, { event: 'pii.rekey', objectType: 'pii_key', detail: { rekeyed: total, byTable: result.rekeyed } });
  return result;
}

function opens(key: Buffer, token: string): boolean {
  try {
    decryptWith(key, token);
    return true;
  } catch {
    return false;
  }
}
