import { beforeAll, expect, it } from 'vitest';
import { ADMIN_REQUEST_KINDS } from '@/lib/domain/workflow/admin-request';
import { decideAdminRequest } from '@/lib/server/admin-requests/decide-admin-request';
import { listAdminRequests } from '@/lib/server/admin-requests/list-admin-requests';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { listUsers } from '@/lib/server/users/list-users';
import { describeDb } from '../helpers/test-db';
import { issuedToken, passwordSentTo } from '../helpers/admin-requests';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

/** Everything an administration request could touch. */
const COUNTED = ['users', 'sessions', 'api_tokens', 'admin_requests', 'sms_outbox', 'rate_limits'];

describeDb('administration under maker-checker (三权分立): one administrator alone changes nothing', (ctx) => {
  let cast: Cast;
  const db = () => ctx.h.db;
  const requestRow = (id: string) => ctx.h.query<{ status: string; decided_by: string | null }>(`select status, decided_by from admin_requests where id = $1`, [id]);
  const auditOf = (id: string) => ctx.h.query<{ event: string; actor_id: string; result: string; detail: Record<string, unknown> }>(`select event, actor_id, result, detail from audit_log where object_id = $1 order by seq`, [id]);
  const roleOf = async (userId: string) => (await ctx.h.query<{ role: string }>(`select role from users where id = $1`, [userId]))[0].role;

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
  });

  it('one system administrator cannot create a finance officer: the request waits, nothing is created, the attempt to approve it oneself is refused and recorded', async () => {
    const before = await tableCounts(db(), ['users', 'sms_outbox']);
    const { requestId } = await proposeAdminRequest(db(), cast.admin, { kind: 'create_user', username: 'fin.mole', realName: '财政新人', role: 'finance_officer', orgCode: 'KZ-FIN', mobile: '17733330001', reason: '新入职' });
    expect(await requestRow(requestId)).toEqual([{ status: 'proposed', decided_by: null }]);
    expect(await tableCounts(db(), ['users', 'sms_outbox'])).toEqual(before);
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ event: 'admin_request.propose', actor_id: cast.admin.userId, result: 'success' })]);

    // Approving it oneself, or by the security administrator (another kind), is refused.
    await expect(decideAdminRequest(db(), cast.admin, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringContaining('不能审批自己提出的申请') });
    await expect(decideAdminRequest(db(), cast.security, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: '此类申请须由另一类管理员审批' });
    await expect(decideAdminRequest(db(), cast.finance, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await requestRow(requestId)).toEqual([{ status: 'proposed', decided_by: null }]);
    expect(await tableCounts(db(), ['users', 'sms_outbox'])).toEqual(before);
    expect(await ctx.h.query(`select 1 from users where username = 'fin.mole'`)).toEqual([]);
    const refused = (await auditOf(requestId)).filter((a) => a.result === 'failure');
    expect(refused).toEqual([
      expect.objectContaining({ event: 'admin_request.approve', actor_id: cast.admin.userId, detail: expect.objectContaining({ refused: 'OWN_REQUEST' }) }),
      expect.objectContaining({ event: 'admin_request.approve', actor_id: cast.security.userId, detail: expect.objectContaining({ refused: 'WRONG_KIND' }) }),
    ]);

    // A second system administrator approves: the account exists, and its password went to its mobile only.
    const result = await decideAdminRequest(db(), cast.admin2, { requestId, action: 'approve' });
    expect(result).toEqual({ status: 'approved' });
    const [u] = await ctx.h.query<{ id: string; role: string }>(`select id, role from users where username = 'fin.mole'`);
    expect(u.role).toBe('finance_officer');
    expect(await ctx.h.query(`select mobile from sms_outbox where user_id = $1`, [u.id])).toEqual([{ mobile: '17733330001' }]);
    expect((await auditOf(u.id)).map((a) => [a.event, a.actor_id])).toEqual([['user.create', cast.admin2.userId]]);
    // Decided once: nobody decides it again.
    await expect(decideAdminRequest(db(), cast.admin2, { requestId, action: 'reject', note: '重复' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('one security administrator cannot change a role; nor approve a request about their own account', async () => {
    const target = await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' });
    const before = await tableCounts(db(), COUNTED);
    const { requestId } = await proposeAdminRequest(db(), cast.security, { kind: 'change_role', userId: target.id, role: 'finance_officer', orgCode: 'KZ-FIN', reason: '岗位调动' });
    for (const who of [cast.security, cast.admin, cast.admin2, cast.auditor]) {
      await expect(decideAdminRequest(db(), who, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await roleOf(target.id)).toBe('hr_reviewer');
    expect(await requestRow(requestId)).toEqual([{ status: 'proposed', decided_by: null }]);
    expect(await tableCounts(db(), COUNTED)).toEqual({ ...before, admin_requests: before.admin_requests + 1 });

    // A request about security2's own account: security2 may not approve it.
    const aboutMe = await proposeAdminRequest(db(), cast.security, { kind: 'change_role', userId: cast.security2.userId, role: 'admin', orgCode: 'KZ-OPS', reason: '岗位调整' });
    await expect(decideAdminRequest(db(), cast.security2, { requestId: aboutMe.requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: '不能审批与自己账号有关的申请' });
    expect(await roleOf(cast.security2.userId)).toBe('security_admin');
    expect((await auditOf(aboutMe.requestId)).at(-1)).toMatchObject({ event: 'admin_request.approve', result: 'failure', actor_id: cast.security2.userId, detail: { refused: 'OWN_ACCOUNT' } });
    // Nor may anyone ask for a change to their own account.
    await expect(proposeAdminRequest(db(), cast.security, { kind: 'change_role', userId: cast.security.userId, role: 'admin', orgCode: 'KZ-OPS', reason: '自己调整' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decideAdminRequest(db(), cast.security, { requestId: aboutMe.requestId, action: 'cancel' });

    await decideAdminRequest(db(), cast.security2, { requestId, action: 'approve' });
    expect(await roleOf(target.id)).toBe('finance_officer');
  });

  it('a system administrator decides no security request and a security administrator no system one, for every kind', async () => {
    const victim = await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330002', totp: true });
    const token = await issuedToken(db(), cast.security, cast.security2, 'BANK-ABC-KZ');
    const asks: Record<(typeof ADMIN_REQUEST_KINDS)[number], Record<string, unknown>> = {
      create_user: { kind: 'create_user', username: 'kind.check', realName: '类别检查', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330003', reason: '新入职' },
      change_role: { kind: 'change_role', userId: victim.id, role: 'guarantee_reviewer', orgCode: 'KZ-GUAR', reason: '调动' },
      reset_password: { kind: 'reset_password', userId: victim.id, reason: '忘记密码' },
      reset_mfa: { kind: 'reset_mfa', userId: victim.id, reason: '手机丢失' },
      issue_api_token: { kind: 'issue_api_token', bankCode: 'BANK-CQRCB-KZ', name: '核心系统', reason: '对接' },
      revoke_api_token: { kind: 'revoke_api_token', tokenId: token.id, reason: '停用' },
    };
    const systemKinds = ['create_user'];
    for (const kind of ADMIN_REQUEST_KINDS) {
      const [maker, sameKind, otherKind] = systemKinds.includes(kind) ? [cast.admin, cast.admin2, cast.security2] : [cast.security, cast.security2, cast.admin2];
      // The other kind of administrator cannot even ask for it.
      await expect(proposeAdminRequest(db(), otherKind, asks[kind])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const { requestId } = await proposeAdminRequest(db(), maker, asks[kind]);
      const before = await tableCounts(db(), COUNTED);
      await expect(decideAdminRequest(db(), otherKind, { requestId, action: 'approve' }), kind).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(decideAdminRequest(db(), otherKind, { requestId, action: 'reject', note: '越权' }), kind).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(decideAdminRequest(db(), otherKind, { requestId, action: 'cancel' }), kind).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await tableCounts(db(), COUNTED), kind).toEqual(before);
      expect(await requestRow(requestId)).toEqual([{ status: 'proposed', decided_by: null }]);
      // The other kind does not even see it listed.
      expect((await listAdminRequests(db(), otherKind)).open.map((r) => r.id)).not.toContain(requestId);
      // A reject needs a reason; then the same-kind checker rejects, and nothing was applied.
      await expect(decideAdminRequest(db(), sameKind, { requestId, action: 'reject' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await decideAdminRequest(db(), sameKind, { requestId, action: 'reject', note: '核对不符' });
      expect(await tableCounts(db(), COUNTED), kind).toEqual(before);
    }
    expect(await roleOf(victim.id)).toBe('hr_reviewer');
    expect(await ctx.h.query(`select revoked_at from api_tokens where id = $1`, [token.id])).toEqual([{ revoked_at: null }]);
  });

  it('no administrator ever receives a one-time password: not in any result, list, request or audit row', async () => {
    const forgetful = await createUser(db(), { role: 'bank_officer', orgCode: 'BANK-ABC-KZ', mobile: '17733330004' });
    const made = await proposeAdminRequest(db(), cast.admin, { kind: 'create_user', username: 'otp.check', realName: '密码检查', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330005', reason: '新入职' });
    const approvedCreate = await decideAdminRequest(db(), cast.admin2, { requestId: made.requestId, action: 'approve' });
    const reset = await proposeAdminRequest(db(), cast.security, { kind: 'reset_password', userId: forgetful.id, reason: '本人来电' });
    const approvedReset = await decideAdminRequest(db(), cast.security2, { requestId: reset.requestId, action: 'approve' });
    const [created] = await ctx.h.query<{ id: string }>(`select id from users where username = 'otp.check'`);
    const secrets = [await passwordSentTo(db(), created.id), await passwordSentTo(db(), forgetful.id)];

    const seen = JSON.stringify([
      made, approvedCreate, reset, approvedReset,
      ...(await Promise.all([cast.admin, cast.admin2, cast.security, cast.security2].map((a) => listAdminRequests(db(), a)))),
      ...(await Promise.all([cast.admin, cast.security].map((a) => listUsers(db(), a, { pageSize: 100 })))),
      await ctx.h.query(`select * from admin_requests`),
      await ctx.h.query(`select * from audit_log`),
    ]);
    for (const s of secrets) expect(seen).not.toContain(s);
    // The full mobile waits in the request for delivery, encrypted (issue 12 item 7), and is masked wherever an administrator reads it.
    expect(JSON.stringify(await listAdminRequests(db(), cast.admin))).not.toContain('17733330005');
    expect(JSON.stringify(await ctx.h.query(`select payload from admin_requests`))).not.toContain('17733330005');
  });

  it('an MFA reset waits for a second security administrator, never for one’s own account; approved, the factor, recovery codes and sessions are gone', async () => {
    const lost = await createUser(db(), { role: 'finance_officer', orgCode: 'KZ-FIN', mobile: '17733330010', totp: true });
    await ctx.h.query(`insert into mfa_recovery_codes (user_id, code_hash, created_at) values ($1, 'h1', now()), ($1, 'h2', now())`, [lost.id]);
    const t = new Date();
    await ctx.h.query(`insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('mfa-reset-sid', $1, $2, $2, $3)`, [lost.id, t, new Date(t.getTime() + 3600_000)]);
    const factor = () => ctx.h.query<{ enrolled: boolean; codes: number; open: number }>(
      `select (select totp_enrolled_at is not null and totp_secret_enc is not null from users where id = $1) as enrolled,
              (select count(*)::int from mfa_recovery_codes where user_id = $1) as codes,
              (select count(*)::int from sessions where user_id = $1 and revoked_at is null) as open`, [lost.id]);
    // Not for one's own account, not by a system administrator, and nothing for an account without a factor.
    await expect(proposeAdminRequest(db(), cast.security, { kind: 'reset_mfa', userId: cast.security.userId, reason: '手机丢失' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(proposeAdminRequest(db(), cast.admin, { kind: 'reset_mfa', userId: lost.id, reason: '手机丢失' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bare = await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330011' });
    await expect(proposeAdminRequest(db(), cast.security, { kind: 'reset_mfa', userId: bare.id, reason: '手机丢失' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const { requestId } = await proposeAdminRequest(db(), cast.security, { kind: 'reset_mfa', userId: lost.id, reason: '手机丢失，本人到场核验' });
    const before = await tableCounts(db(), COUNTED);
    await expect(decideAdminRequest(db(), cast.security, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    expect(await factor()).toEqual([{ enrolled: true, codes: 2, open: 1 }]);

    await decideAdminRequest(db(), cast.security2, { requestId, action: 'approve' });
    expect(await factor()).toEqual([{ enrolled: false, codes: 0, open: 0 }]);
    const audit = await ctx.h.query<{ actor_id: string; detail: { proposedBy: string; recoveryCodesRemoved: number } }>(`select actor_id, detail from audit_log where event = 'user.reset_mfa' and object_id = $1`, [lost.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(cast.security2.userId);
    expect(audit[0].detail).toMatchObject({ proposedBy: cast.security.userId, recoveryCodesRemoved: 2 });
  });

  it('a request that no longer fits at approval changes nothing and stays open; two open requests on one subject are refused', async () => {
    const { requestId } = await proposeAdminRequest(db(), cast.admin, { kind: 'create_user', username: 'late.name', realName: '晚到', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330006', reason: '新入职' });
    await expect(proposeAdminRequest(db(), cast.admin2, { kind: 'create_user', username: 'late.name', realName: '重复', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17733330007', reason: '新入职' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await createUser(db(), { role: 'hr_reviewer', username: 'late.name' });
    const before = await tableCounts(db(), [...COUNTED, 'audit_log']);
    await expect(decideAdminRequest(db(), cast.admin2, { requestId, action: 'approve' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await tableCounts(db(), [...COUNTED, 'audit_log'])).toEqual(before);
    expect(await requestRow(requestId)).toEqual([{ status: 'proposed', decided_by: null }]);
    // Only the maker may take it back.
    await expect(decideAdminRequest(db(), cast.admin2, { requestId, action: 'cancel' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decideAdminRequest(db(), cast.admin, { requestId, action: 'cancel' });
    expect(await requestRow(requestId)).toEqual([{ status: 'cancelled', decided_by: cast.admin.userId }]);
  });
});
