import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/app/_components/pager';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/db/schema/users';
import { checkAuditChain } from '@/lib/server/audit/check-audit-chain';
import { searchAuditLog } from '@/lib/server/audit/search-audit-log';
import { getDb } from '@/lib/server/db';
import { hasPermission } from '@/lib/auth/permissions';
import type { ChainFailure } from '@/lib/server/audit/verify-audit-chain';
import { AnchorNowButton, WitnessForm } from './anchor-tools';

export const metadata: Metadata = { title: '审计监督' };

const EVENT_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.lockout': '账户锁定',
  'user.register': '申请人注册',
  'audit.search': '查询审计日志',
  'audit.verify_chain': '校验审计链',
  'audit.anchor': '锚定审计链',
  'audit.download_anchor': '下载审计锚点',
  'audit.verify_witness': '核对留存副本',
  'pii.unmask': '查看完整个人信息',
  'document.view': '查看申请材料',
  'application.submit': '提交申请',
  'application.approve': '审核通过',
  'application.reject': '不予通过',
  'application.return': '退回补正',
};

const FAILURE_TEXT: Record<ChainFailure, string> = {
  HASH_MISMATCH: '内容与哈希不符（疑似被篡改）',
  PREV_HASH_MISMATCH: '与前一条记录断链（疑似被删除）',
  UNKEYED_AFTER_KEYED: '被无密钥地重新计算过哈希（疑似被篡改后伪造）',
  ANCHOR_MISMATCH: '与外部锚点记录的哈希不符（疑似被篡改）',
  ANCHOR_NOT_REACHED: '是最新锚点记录的链头，但审计链未到达该记录（最新的记录疑似被删除）',
  ANCHOR_INVALID: '对应的锚点文件签名无效（锚点目录疑似被改动）',
};

const shanghai = (iso: string | Date) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export default async function AuditHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAreaActor('audit');
  const sp = await searchParams;
  const db = await getDb();
  const chain = await checkAuditChain(db, actor);
  const result = sp.result === 'success' || sp.result === 'failure' ? sp.result : undefined;
  const pii = sp.view === 'pii';
  const log = await searchAuditLog(db, actor, { event: sp.event?.slice(0, 60), result, personalDataOnly: pii, page: Number(sp.page) || 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">审计日志</h1>
      {chain.ok ? (
        <p data-testid="chain-status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-800">
          审计链校验通过：共 {chain.rows} 条记录，未发现篡改或删除{chain.anchor ? `，已到达最新锚点（第 ${chain.anchor.seq} 号记录）` : ''}。
          {chain.legacyRows > 0 && `其中前 ${chain.legacyRows} 条为启用密钥前的记录（无密钥哈希，由其后第一条带密钥的记录封存）。`}
        </p>
      ) : (
        <p data-testid="chain-status" role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          审计链校验失败：第 {chain.firstBadSeq} 号记录{FAILURE_TEXT[chain.reason]}。请立即上报。
        </p>
      )}
      <section data-testid="anchor-status" className="card space-y-2 text-sm">
        <h2 className="font-medium">外部锚点</h2>
        {chain.anchor ? (
          <p>
            最新锚点：第 <span className="font-mono">{chain.anchor.seq}</span> 号记录，哈希 <span className="break-all font-mono text-xs">{chain.anchor.hash}</span>，
            锚定于 {shanghai(chain.anchor.anchoredAt)}（{chain.anchor.reason === 'on_demand' ? '审计人员手动' : chain.anchor.reason === 'daily' ? '每日定时' : '当日首条记录'}）。
            {chain.anchor.signatureValid ? (chain.ok ? '审计链已到达该锚点。' : '') : '锚点签名无效！'}
          </p>
        ) : (
          <p>尚无锚点。点“立即锚定”把当前链头写到数据库之外。</p>
        )}
        <p className="text-slate-600">锚点签名公钥指纹：<span className="font-mono" data-testid="anchor-fingerprint">{chain.keyFingerprint}</span>（请抄录留存，用于核对下载的锚点文件）</p>
        {hasPermission(actor.role, 'audit:anchor') && (
          <div className="flex flex-wrap items-center gap-2">
            <AnchorNowButton />
            {chain.anchor && <a className="btn-secondary" href="/api/audit/anchors" download>下载最新锚点</a>}
          </div>
        )}
      </section>
      <WitnessForm />
      <div className="flex gap-2 text-sm">
        <Link href="/audit" className={pii ? 'btn-secondary' : 'btn-primary'}>全部审计日志</Link>
        <Link href="/audit?view=pii" className={pii ? 'btn-primary' : 'btn-secondary'}>个人信息访问记录</Link>
      </div>
      <form className="flex flex-wrap gap-2" role="search">
        {pii && <input type="hidden" name="view" value="pii" />}
        <input name="event" defaultValue={sp.event} placeholder="事件类型，如 auth.login" className="input max-w-xs" aria-label="事件类型" />
        <select name="result" defaultValue={result ?? ''} className="input max-w-[10rem]" aria-label="结果">
          <option value="">全部结果</option>
          <option value="success">成功</option>
          <option value="failure">失败</option>
        </select>
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">序号</th><th className="px-3 py-2">时间</th><th className="px-3 py-2">事件</th><th className="px-3 py-2">操作人角色</th><th className="px-3 py-2">对象</th><th className="px-3 py-2">结果</th><th className="px-3 py-2">详情</th></tr>
          </thead>
          <tbody>
            {log.rows.map((r) => (
              <tr key={r.seq} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 font-mono">{r.seq}</td>
                <td className="whitespace-nowrap px-3 py-2">{r.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td>
                <td className="px-3 py-2">{EVENT_LABELS[r.event] ?? r.event}</td>
                <td className="px-3 py-2">{r.actorRole ? ROLE_LABELS[r.actorRole as Role] ?? r.actorRole : '—'}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.objectType ? `${r.objectType}:${r.objectId ?? ''}` : '—'}</td>
                <td className={`px-3 py-2 ${r.result === 'failure' ? 'text-red-600' : 'text-green-700'}`}>{r.result === 'success' ? '成功' : '失败'}</td>
                <td className="max-w-xs break-all px-3 py-2 font-mono text-xs text-slate-500">{JSON.stringify(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={log.page} pageSize={log.pageSize} total={log.total} basePath="/audit" params={{ event: sp.event, result, view: pii ? 'pii' : undefined }} />
    </div>
  );
}
