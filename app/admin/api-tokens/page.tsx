import type { Metadata } from 'next';
import { dateTimeText } from '@/app/portal/_components/format';
import { requirePageActor } from '@/lib/auth/page-guard';
import { listApiTokens } from '@/lib/server/api-tokens/list-api-tokens';
import { getApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import { getDb } from '@/lib/server/db';
import { now } from '@/lib/server/clock';
import { env } from '@/lib/env';
import { IssueTokenForm, RevokeButton } from './token-forms';

export const metadata: Metadata = { title: '银行接口令牌' };

export default async function ApiTokensPage() {
  const actor = await requirePageActor('admin', 'admin:api_tokens');
  const db = await getDb();
  const [tokens, options] = await Promise.all([listApiTokens(db, actor), getApplicationFormOptions(db)]);
  const at = now();
  const ttlDays = env().API_TOKEN_TTL_DAYS;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">经办银行接口令牌</h1>
      <p className="text-sm text-slate-600">接口说明：<a className="text-brand-600 hover:underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>。令牌仅存储摘要，只能访问所属银行的数据；有效期为签发后 {ttlDays} 天，可限定银行的来源地址（CIDR）。</p>
      <p className="text-sm text-slate-600">签发和吊销都须经另一位安全管理员在 <a className="text-brand-600 hover:underline" href="/admin/requests">待审批申请</a> 中批准后才生效。</p>
      <IssueTokenForm banks={options.banks} />
      <section className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">银行</th><th className="px-3 py-2">用途</th><th className="px-3 py-2">令牌前缀</th><th className="px-3 py-2">签发 / 有效期至</th><th className="px-3 py-2">允许来源</th><th className="px-3 py-2">最近使用</th><th className="px-3 py-2">状态</th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{t.bankName}</td>
                <td className="px-3 py-2">{t.name}</td>
                <td className="px-3 py-2 font-mono">{t.prefix}…</td>
                <td className="px-3 py-2 text-xs">{dateTimeText(t.createdAt)}<br />至 {dateTimeText(t.expiresAt)}</td>
                <td className="px-3 py-2 font-mono text-xs">{t.allowedCidrs.length ? t.allowedCidrs.map((c) => <div key={c}>{c}</div>) : <span className="font-sans text-slate-500">不限</span>}</td>
                <td className="px-3 py-2 text-xs" data-testid="token-last-used">{t.lastUsedAt ? <>{dateTimeText(t.lastUsedAt)}{t.lastUsedIp && <><br /><span className="font-mono">{t.lastUsedIp}</span></>}</> : '未使用'}</td>
                <td className="px-3 py-2">
                  {t.revokedAt ? `已吊销 ${dateTimeText(t.revokedAt)}` : (
                    <>
                      {t.expiresAt.getTime() <= at.getTime() && <p className="mb-1 text-xs text-red-700">已过期</p>}
                      <RevokeButton tokenId={t.id} />
                    </>
                  )}
                </td>
              </tr>
            ))}
            {tokens.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">尚未签发令牌</td></tr>}
          </tbody>
        </table>
      </section>
    </div>
  );
}
