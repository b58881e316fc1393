'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { BENEFIT_LABELS } from '@/lib/validation/application';
import { BENEFIT_CATALOG, type BenefitItem } from '@/lib/validation/benefits';
import { decideBenefitItemAction } from '../actions';

type Decision = { granted: boolean; rentMonths?: number; waivedAmount?: string; note?: string; catalogNames: string[] } | null;
type CatalogEntry = { id: number; kind: string; name: string };

/** HR decides each requested 三免两贴两推荐 item; the saved decisions are shown when not editable. */
export function BenefitDecisions({ applicationId, items, catalogue, editable }: { applicationId: string; items: { item: BenefitItem; decision: Decision }[]; catalogue: CatalogEntry[]; editable: boolean }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">申请人未申请三免两贴两推荐事项。</p>;
  return (
    <ul className="space-y-3">
      {items.map((b) => (
        <li key={b.item} className="rounded-md border border-slate-200 p-3" data-testid={`benefit-${b.item}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{BENEFIT_LABELS[b.item]}</span>
            <span className={`text-sm ${b.decision ? (b.decision.granted ? 'text-green-700' : 'text-red-700') : 'text-amber-700'}`}>
              {b.decision ? (b.decision.granted ? '同意' : '不予支持') : '待审核'}
            </span>
          </div>
          {b.decision && <DecisionText d={b.decision} />}
          {editable && <ItemForm applicationId={applicationId} item={b.item} catalogue={catalogue.filter((c) => c.kind === BENEFIT_CATALOG[b.item])} />}
        </li>
      ))}
    </ul>
  );
}

function DecisionText({ d }: { d: NonNullable<Decision> }) {
  const parts = [d.rentMonths ? `免租 ${d.rentMonths} 个月（约 ${d.waivedAmount} 元）` : '', d.catalogNames.join('、'), d.note ?? ''].filter(Boolean);
  return parts.length ? <p className="mt-1 text-sm text-slate-600">{parts.join('；')}</p> : null;
}

function ItemForm({ applicationId, item, catalogue }: { applicationId: string; item: BenefitItem; catalogue: CatalogEntry[] }) {
  const router = useRouter();
  const [granted, setGranted] = useState(true);
  const [rentMonths, setRentMonths] = useState(3);
  const [selected, setSelected] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const label = BENEFIT_LABELS[item];
  const save = () =>
    start(async () => {
      setError(null);
      const r = await decideBenefitItemAction({
        applicationId,
        item,
        granted,
        ...(granted && item === 'rentWaiver' ? { rentMonths } : {}),
        ...(granted && catalogue.length ? { catalogItemIds: selected } : {}),
        ...(note ? { note } : {}),
      });
      if (r.ok) router.refresh();
      else setError(r.message);
    });
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-[auto_1fr_auto] sm:items-end">
      <select aria-label={`${label}审核结论`} className="input" value={granted ? 'yes' : 'no'} onChange={(e) => setGranted(e.target.value === 'yes')}>
        <option value="yes">同意</option>
        <option value="no">不予支持</option>
      </select>
      <div className="space-y-2">
        {granted && item === 'rentWaiver' && (
          <label className="block text-sm">免租月数
            <input aria-label="免租月数" type="number" min={0} max={12} className="input" value={rentMonths} onChange={(e) => setRentMonths(Number(e.target.value))} />
          </label>
        )}
        {granted && catalogue.length > 0 && (
          <select aria-label={`${label}目录`} multiple={item !== 'training'} className="input" value={item === 'training' ? String(selected[0] ?? '') : selected.map(String)} onChange={(e) => setSelected([...e.target.selectedOptions].map((o) => Number(o.value)).filter(Boolean))}>
            {item === 'training' && <option value="">请选择培训课程</option>}
            {catalogue.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        )}
        <input aria-label={`${label}说明`} className="input" placeholder={granted ? '说明（选填）' : '不予支持的理由（必填）'} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="button" className="btn-secondary" disabled={pending} onClick={save}>保存</button>
      {error && <p role="alert" className="text-sm text-red-600 sm:col-span-3">{error}</p>}
    </div>
  );
}
