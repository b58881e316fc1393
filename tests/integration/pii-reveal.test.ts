import { beforeAll, expect, it } from 'vitest';
import { revealPersonalData } from '@/lib/server/review/reveal-personal-data';
import { decryptPii } from '@/lib/server/crypto/pii';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

describeDb('PII-04 revealing a personal number', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });

  it('shows the full 身份证号 to a reviewer in scope and audits it; refuses others and writes nothing', async () => {
    const { id, applicant } = await applicationAt(ctx.h.db, cast, 'pending_bank');
    const [row] = await ctx.h.query<{ id_number_enc: string }>(`select id_number_enc from users where id = $1`, [applicant.userId]);
    const expected = decryptPii(row.id_number_enc);

    const r = await revealPersonalData(ctx.h.db, cast.hr, { applicationId: id, field: 'applicant.idNumber' });
    expect(r.values).toEqual([expected]);
    const audit = await ctx.h.query<{ actor_id: string; detail: { field: string } }>(`select actor_id, detail from audit_log where event = 'pii.unmask' and object_id = $1`, [id]);
    expect(audit).toEqual([{ actor_id: cast.hr.userId, detail: { field: 'applicant.idNumber' } }]);

    const before = await tableCounts(ctx.h.db);
    await expect(revealPersonalData(ctx.h.db, cast.finance, { applicationId: id, field: 'applicant.idNumber' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revealPersonalData(ctx.h.db, cast.admin, { applicationId: id, field: 'applicant.idNumber' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revealPersonalData(ctx.h.db, cast.otherBank, { applicationId: id, field: 'applicant.idNumber' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revealPersonalData(ctx.h.db, applicant, { applicationId: id, field: 'applicant.idNumber' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });
});
