import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { decideAdminRequest } from '@/lib/server/admin-requests/decide-admin-request';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import type { Actor } from '@/lib/server/auth/actor';

/** Make an administration request as `maker` and have `checker` approve it. */
export async function viaApproval(db: Db, maker: Actor, checker: Actor, input: Record<string, unknown>) {
  const { requestId } = await proposeAdminRequest(db, maker, { reason: '测试所需', ...input });
  return { requestId, ...(await decideAdminRequest(db, checker, { requestId, action: 'approve' })) };
}

/** A bank API token issued by one security administrator and approved by another: the token and its id. */
export async function issuedToken(db: Db, maker: Actor, checker: Actor, bankCode: string, name = '核心系统对接') {
  const r = await viaApproval(db, maker, checker, { kind: 'issue_api_token', bankCode, name });
  const token = r.shownOnce!.token;
  const rows = (await db.execute(sql`select id from api_tokens where prefix = ${token.slice(0, 12)}`)) as unknown as { rows: { id: string }[] };
  return { token, id: rows.rows[0].id };
}

/** The one-time password as only the account holder receives it: the latest SMS to that account. */
export async function passwordSentTo(db: Db, userId: string): Promise<string> {
  const rows = (await db.execute(sql`select body from sms_outbox where user_id = ${userId} order by id desc limit 1`)) as unknown as { rows: { body: string }[] };
  const m = /密码 ([A-Za-z0-9_-]+)，/.exec(rows.rows[0]?.body ?? '');
  if (!m) throw new Error(`no one-time password sent to ${userId}`);
  return m[1];
}
