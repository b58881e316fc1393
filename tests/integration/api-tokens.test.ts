import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { listApiTokens } from '@/lib/server/api-tokens/list-api-tokens';
import { describeDb } from '../helpers/test-db';
import { issuedToken, viaApproval } from '../helpers/admin-requests';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ handle: undefined as undefined | DbHandle }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { GET: listLoans } = await import('@/app/api/v1/loans/route');

/** A bank's call as the app's server hands it on: the derived client address in x-kz-client-ip. */
const get = (token: string, ip?: string) =>
  listLoans(new Request('http://localhost/api/v1/loans', { headers: { authorization: `Bearer ${token}`, ...(ip ? { 'x-kz-client-ip': ip } : {}) } }));

const T0 = new Date('2026-06-01T01:00:00Z');
const DAY = 86_400_000;

describeDb('bank API tokens: expiry, address allowlist, last use', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });
  afterEach(() => vi.useRealTimers());

  const tokenRow = async (id: string) => (await listApiTokens(ctx.h.db, cast.security)).find((t) => t.id === id)!;

  it('a token expires API_TOKEN_TTL_DAYS (365) after issue: the day before it works, after it 401 in Chinese, and the refused call is not a use', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { token, id } = await issuedToken(ctx.h.db, cast.security, cast.security2, 'BANK-ABC-KZ', '有效期测试');
    expect((await tokenRow(id)).expiresAt.toISOString()).toBe(new Date(T0.getTime() + 365 * DAY).toISOString());
    vi.setSystemTime(new Date(T0.getTime() + 365 * DAY - 1000));
    expect((await get(token, '198.51.100.1')).status).toBe(200);
    const usedAt = (await tokenRow(id)).lastUsedAt;
    expect(usedAt?.toISOString()).toBe(new Date(T0.getTime() + 365 * DAY - 1000).toISOString());
    vi.setSystemTime(new Date(T0.getTime() + 365 * DAY + 1000));
    const expired = await get(token, '198.51.100.1');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '接口令牌已过期，请联系开州区人社局安全管理员重新签发' } });
    expect((await tokenRow(id)).lastUsedAt?.toISOString()).toBe(usedAt?.toISOString());
  });

  it('a token with an allowlist (IPv4 and IPv6 CIDR) answers only inside it; outside or unknown addresses get 403 in Chinese and no data; administrators see the last use and its address', async () => {
    const r = await viaApproval(ctx.h.db, cast.security, cast.security2, { kind: 'issue_api_token', bankCode: 'BANK-ABC-KZ', name: '地址限定 2', allowedCidrs: '203.0.113.0/24,\n2001:DB8::/32' });
    const token = r.shownOnce!.token;
    const row = (await listApiTokens(ctx.h.db, cast.security)).find((t) => t.name === '地址限定 2')!;
    expect(row.allowedCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32']);

    expect((await get(token, '203.0.113.77')).status).toBe(200);
    expect((await get(token, '2001:db8:5::1')).status).toBe(200);
    for (const ip of ['198.51.100.9', '203.0.114.1', '2001:db9::1', undefined]) {
      const res = await get(token, ip);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: '请求来源地址不在该接口令牌允许的范围内' } });
    }
    const seen = await tokenRow(row.id);
    expect(seen.lastUsedIp).toBe('2001:db8:5::1');
    expect(seen.lastUsedAt).not.toBeNull();
  });

  it('an allowlist that does not parse is refused with a Chinese field message, and nothing is asked for', async () => {
    const before = await tableCounts(ctx.h.db, ['admin_requests', 'api_tokens', 'audit_log']);
    const err = await proposeAdminRequest(ctx.h.db, cast.security, { kind: 'issue_api_token', bankCode: 'BANK-ABC-KZ', name: '错误地址', allowedCidrs: '10.0.0.0/33, bank.example', reason: '测试' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.fieldErrors.allowedCidrs).toBe('以下地址范围无效：10.0.0.0/33、bank.example（示例：203.0.113.0/24、2001:db8::/32）');
    expect(await tableCounts(ctx.h.db, ['admin_requests', 'api_tokens', 'audit_log'])).toEqual(before);
  });
});
