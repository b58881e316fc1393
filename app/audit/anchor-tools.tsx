'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { anchorAuditChainAction, verifyAuditWitnessAction } from './actions';

export function AnchorNowButton() {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await anchorAuditChainAction();
            if (!r.ok) setMsg(r.message);
            else if (r.data.ok) setMsg(`已锚定至第 ${r.data.seq} 号记录`);
            else setMsg(`审计链校验失败（第 ${r.data.firstBadSeq ?? '?'} 号记录），未锚定`);
            router.refresh();
          })
        }
      >
        立即锚定
      </button>
      {msg && <span role="status" data-testid="anchor-result" className="text-sm">{msg}</span>}
    </span>
  );
}

const REASONS: Record<string, string> = {
  PREV_HASH_MISMATCH: '与前一条记录断链',
  HASH_MISMATCH: '内容与哈希不符',
  UNKEYED_AFTER_KEYED: '被无密钥地重新计算过哈希',
  ANCHOR_MISMATCH: '哈希与留存副本不同',
  ANCHOR_NOT_REACHED: '审计链未到达该记录（其后的记录疑似被删除）',
  ANCHOR_INVALID: '锚点签名无效',
};

/** 核对留存副本: an anchor file the auditor kept, or the 序号 and 哈希 printed on an exported 拨付清单. */
export function WitnessForm() {
  const [anchorText, setAnchorText] = useState('');
  const [seq, setSeq] = useState('');
  const [hash, setHash] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const submit = (input: unknown) =>
    start(async () => {
      const r = await verifyAuditWitnessAction(input);
      if (!r.ok) return setResult({ ok: false, text: r.message });
      const d = r.data;
      if (d.signatureValid === false) return setResult({ ok: false, text: '该锚点文件不是本系统签发的（签名无效），不能作为证据。' });
      setResult(
        d.ok
          ? { ok: true, text: `一致：审计链完整地到达第 ${d.seq} 号记录，哈希与留存副本相同。` }
          : { ok: false, text: `不一致：第 ${d.firstBadSeq} 号记录${REASONS[d.reason ?? ''] ?? '校验失败'}。请立即上报。` },
      );
    });
  return (
    <div className="card space-y-3">
      <h2 className="font-medium">核对留存副本</h2>
      <p className="text-sm text-slate-600">把此前下载保存的锚点文件，或拨付清单上印的“导出时审计链头”，与当前审计日志核对。</p>
      <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); submit({ anchorText }); }}>
        <label className="block text-sm">
          锚点文件
          <input type="file" accept="application/json,.json" className="mt-1 block text-sm" onChange={async (e) => setAnchorText((await e.target.files?.[0]?.text()) ?? '')} />
        </label>
        <textarea className="input h-20 font-mono text-xs" aria-label="锚点文件内容" placeholder="或粘贴锚点文件内容" value={anchorText} onChange={(e) => setAnchorText(e.target.value)} />
        <button className="btn-primary" disabled={pending || !anchorText.trim()}>核对锚点文件</button>
      </form>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); submit({ seq, hash }); }}>
        <label className="text-sm">审计链头序号<input className="input w-32" inputMode="numeric" value={seq} onChange={(e) => setSeq(e.target.value)} /></label>
        <label className="text-sm">审计链头哈希<input className="input w-[28rem] max-w-full font-mono text-xs" value={hash} onChange={(e) => setHash(e.target.value)} /></label>
        <button className="btn-primary" disabled={pending || !seq || !hash}>核对链头</button>
      </form>
      {result && <p role="status" data-testid="witness-result" className={`rounded-md px-3 py-2 text-sm ${result.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>{result.text}</p>}
    </div>
  );
}
