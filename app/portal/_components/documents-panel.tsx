'use client';

import { useCallback, useEffect, useId, useState, type ChangeEvent } from 'react';
import {
  DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, DOCUMENT_TOO_LARGE_MESSAGE, type DocumentKind,
} from '@/lib/domain/file-sniff';
import type { DocumentDto } from '@/lib/server/documents/list-documents';
import { dateTimeText } from './format';

export interface DocumentsPanelProps {
  applicationId: string;
  /** The applicant may upload and delete (a draft or returned application of their own). */
  editable: boolean;
  /** Kinds the application needs; they are marked 必传 and flagged while missing. */
  requiredKinds?: readonly string[];
}

const ACCEPT = 'image/jpeg,image/png,application/pdf';
const NETWORK_ERROR = '网络异常，操作未完成，请稍后重试';

type ApiBody<T> = { data?: T; error?: { code: string; message: string } };

async function readJson<T>(res: Response): Promise<ApiBody<T> | null> {
  try {
    return (await res.json()) as ApiBody<T>;
  } catch {
    return null;
  }
}

/** POST with upload progress (fetch cannot report it). Resolves with status 0 on a network error. */
function postWithProgress(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<{ status: number; body: ApiBody<DocumentDto> | null }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed: ApiBody<DocumentDto> | null = null;
      try {
        parsed = JSON.parse(xhr.responseText) as ApiBody<DocumentDto>;
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    xhr.onabort = () => resolve({ status: 0, body: null });
    xhr.send(body);
  });
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The supporting documents of one application, by kind: thumbnails or a PDF icon with a
 * preview and a download link, and — when editable — upload (with progress) and delete.
 * Everything is checked again on the server; its Chinese messages are shown as they come.
 */
export function DocumentsPanel({ applicationId, editable, requiredKinds = [] }: DocumentsPanelProps) {
  const [docs, setDocs] = useState<DocumentDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const listUrl = `/api/applications/${encodeURIComponent(applicationId)}/documents`;

  const reload = useCallback(async () => {
    try {
      const res = await fetch(listUrl, { cache: 'no-store', headers: { Accept: 'application/json' } });
      const body = await readJson<DocumentDto[]>(res);
      if (res.ok && body?.data) {
        setDocs(body.data);
        setLoadError(null);
      } else {
        setLoadError(body?.error?.message ?? NETWORK_ERROR);
      }
    } catch {
      setLoadError(NETWORK_ERROR);
    }
  }, [listUrl]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const required = new Set(requiredKinds);
  const kinds = DOCUMENT_KINDS.filter((k) => editable || required.has(k) || docs?.some((d) => d.kind === k));

  return (
    <div className="space-y-4" data-testid="documents-panel">
      {editable && (
        <p className="text-sm text-slate-600">
          支持 JPEG、PNG 图片或 PDF 文件，每个不超过 {DOCUMENT_MAX_BYTES / 1024 / 1024} MB。手机上可直接拍照上传。
        </p>
      )}
      {loadError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {loadError}
          <button type="button" className="ml-2 underline" onClick={() => void reload()}>重试</button>
        </p>
      )}
      {docs === null && !loadError && <p className="text-sm text-slate-500" aria-live="polite">正在加载材料…</p>}
      {docs !== null && kinds.length === 0 && <p className="text-sm text-slate-500">暂无材料</p>}
      {docs !== null &&
        kinds.map((kind) => (
          <KindSection
            key={kind}
            kind={kind}
            docs={docs.filter((d) => d.kind === kind)}
            required={required.has(kind)}
            editable={editable}
            uploadUrl={listUrl}
            onUploaded={(d) => setDocs((cur) => [d, ...(cur ?? [])])}
            onDeleted={(id) => setDocs((cur) => (cur ?? []).filter((d) => d.id !== id))}
          />
        ))}
    </div>
  );
}

interface KindSectionProps {
  kind: DocumentKind;
  docs: DocumentDto[];
  required: boolean;
  editable: boolean;
  uploadUrl: string;
  onUploaded: (d: DocumentDto) => void;
  onDeleted: (id: string) => void;
}

function KindSection({ kind, docs, required, editable, uploadUrl, onUploaded, onDeleted }: KindSectionProps) {
  const label = DOCUMENT_KIND_LABELS[kind];
  const id = useId();
  const errorId = `${id}-error`;
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const busy = progress !== null || deleting !== null;

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again after a refusal
    if (!file) return;
    setError(null);
    if (file.size > DOCUMENT_MAX_BYTES) {
      setError(DOCUMENT_TOO_LARGE_MESSAGE);
      return;
    }
    const form = new FormData();
    form.append('kind', kind); // before the file: the server reads the body as a stream
    form.append('file', file, file.name);
    setProgress(0);
    const res = await postWithProgress(uploadUrl, form, setProgress);
    setProgress(null);
    if (res.status === 201 && res.body?.data) onUploaded(res.body.data);
    else setError(res.body?.error?.message ?? NETWORK_ERROR);
  }

  async function remove(doc: DocumentDto) {
    if (!window.confirm(`确定删除“${doc.originalName}”吗？删除后需重新上传。`)) return;
    setError(null);
    setDeleting(doc.id);
    try {
      const res = await fetch(`/api/documents/${encodeURIComponent(doc.id)}`, { method: 'DELETE', headers: { Accept: 'application/json' } });
      if (res.ok) onDeleted(doc.id);
      else setError((await readJson<null>(res))?.error?.message ?? NETWORK_ERROR);
    } catch {
      setError(NETWORK_ERROR);
    } finally {
      setDeleting(null);
    }
  }

  const missing = required && docs.length === 0;
  return (
    <section aria-labelledby={`${id}-title`} className={`rounded-md border p-3 ${missing && editable ? 'border-amber-300 bg-amber-50' : 'border-slate-200'}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-medium">
          {label}
          {required && <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700">必传</span>}
        </h3>
        {missing && <span className="text-xs text-amber-800">尚未上传</span>}
      </div>

      {docs.length > 0 && (
        <ul className="mt-2 space-y-2" aria-label={`已上传的${label}`}>
          {docs.map((d) => {
            const href = `/api/documents/${encodeURIComponent(d.id)}`;
            return (
              <li key={d.id} className="flex items-center gap-3">
                <a href={href} target="_blank" rel="noopener noreferrer" className="shrink-0" aria-label={`预览 ${d.originalName}`}>
                  {d.mime === 'application/pdf' ? (
                    <span className="flex h-14 w-14 flex-col items-center justify-center rounded border border-red-200 bg-red-50 text-red-700" aria-hidden>
                      <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.5">
                        <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
                        <path d="M14 3v5h5" />
                      </svg>
                      <span className="text-[10px] font-semibold">PDF</span>
                    </span>
                  ) : (
                    // eslint-disable-next-line @next/next/no-img-element -- a private, authorised file; no image optimiser
                    <img src={href} alt="" loading="lazy" className="h-14 w-14 rounded border border-slate-200 bg-slate-50 object-cover" />
                  )}
                </a>
                <div className="min-w-0 flex-1">
                  <p className="break-all text-sm">{d.originalName}</p>
                  <p className="text-xs text-slate-500">
                    {sizeText(d.sizeBytes)} · {dateTimeText(d.createdAt)}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-3 text-sm">
                    <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">预览</a>
                    <a href={`${href}?download=1`} className="text-brand-700 underline" aria-label={`下载 ${d.originalName}`}>下载</a>
                    {editable && (
                      <button type="button" className="text-red-700 underline disabled:opacity-50" disabled={busy} onClick={() => void remove(d)} aria-label={`删除 ${d.originalName}`}>
                        {deleting === d.id ? '正在删除…' : '删除'}
                      </button>
                    )}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {editable && (
        <div className="mt-3 flex flex-wrap gap-2">
          <label className={`btn-secondary cursor-pointer focus-within:ring-2 focus-within:ring-brand-100 ${busy ? 'pointer-events-none opacity-50' : ''}`}>
            <input type="file" accept={ACCEPT} className="sr-only" disabled={busy} aria-describedby={error ? errorId : undefined} aria-invalid={!!error} onChange={(e) => void onFile(e)} />
            上传{label}
          </label>
          {/* On a phone: straight to the camera (a capture input offers no PDF, hence the separate one). */}
          <label className={`btn-secondary cursor-pointer focus-within:ring-2 focus-within:ring-brand-100 sm:hidden ${busy ? 'pointer-events-none opacity-50' : ''}`}>
            <input type="file" accept="image/jpeg,image/png" capture="environment" className="sr-only" disabled={busy} onChange={(e) => void onFile(e)} />
            拍摄{label}
          </label>
        </div>
      )}

      {progress !== null && (
        <div className="mt-2" role="status" aria-live="polite">
          <progress className="h-2 w-full" max={100} value={Math.round(progress * 100)} aria-label={`${label}上传进度`} />
          <p className="text-xs text-slate-600">正在上传 {Math.round(progress * 100)}%</p>
        </div>
      )}
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
