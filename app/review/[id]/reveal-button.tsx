'use client';

import { useState, useTransition } from 'react';
import { revealPersonalDataAction } from '../actions';

/** Shows the masked value, and the full one on request — each reveal is audited on the server. */
export function Reveal({ applicationId, field, masked }: { applicationId: string; field: string; masked: string | null }) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono">{value ?? masked ?? '—'}</span>
      {!value && masked && (
        <button
          type="button"
          className="text-xs text-brand-600 hover:underline disabled:opacity-50"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await revealPersonalDataAction({ applicationId, field });
              if (r.ok) setValue(r.data.values.join('、'));
              else setError(r.message);
            })
          }
        >
          查看完整号码（将记录审计）
        </button>
      )}
      {error && <span role="alert" className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
