'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { saveCatalogItemAction } from './actions';

type Kind = 'training_course' | 'industry_project' | 'job';
const KIND_LABELS: Record<Kind, string> = { training_course: '培训课程', industry_project: '产业项目', job: '就业岗位' };
type Item = { id: number; kind: Kind; name: string; description: string; active: boolean };

export function CatalogManager({ items }: { items: Item[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>('training_course');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const save = (input: Record<string, unknown>, okText: string) =>
    start(async () => {
      const r = await saveCatalogItemAction(input);
      setMessage(r.ok ? { ok: true, text: okText } : { ok: false, text: r.message });
      if (r.ok) router.refresh();
    });
  return (
    <div className="space-y-4">
      <form className="card grid gap-3 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end" aria-label="新增目录条目" onSubmit={(e) => { e.preventDefault(); save({ kind, name, description }, '已添加'); setName(''); setDescription(''); }}>
        <label className="text-sm">类别<select className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>{Object.entries(KIND_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></label>
        <label className="text-sm">名称<input className="input" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="text-sm">说明<input className="input" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
        <button className="btn-primary" disabled={pending}>添加</button>
        {message && <p role={message.ok ? 'status' : 'alert'} className={`text-sm sm:col-span-4 ${message.ok ? 'text-green-700' : 'text-red-600'}`}>{message.text}</p>}
      </form>
      {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
        <section key={k} className="card">
          <h2 className="font-medium">{KIND_LABELS[k]}</h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {items.filter((i) => i.kind === k).map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className={i.active ? '' : 'text-slate-400 line-through'}>{i.name}<span className="block text-xs text-slate-500">{i.description}</span></span>
                <button type="button" className="btn-secondary px-2 py-1 text-xs" disabled={pending} onClick={() => save({ id: i.id, kind: i.kind, name: i.name, description: i.description, active: !i.active }, i.active ? '已停用' : '已启用')}>{i.active ? '停用' : '启用'}</button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
