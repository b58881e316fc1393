'use server';

import { runProtected } from '@/lib/actions/protected';
import { transferIdNumber } from '@/lib/server/users/transfer-id-number';

/** HR moves a squatted 身份证号 to its owner; the use-case re-checks the permission and parses everything. */
export async function transferIdNumberAction(input: unknown) {
  return runProtected('identity:transfer_id_number', (actor, db) => transferIdNumber(db, actor, input));
}
