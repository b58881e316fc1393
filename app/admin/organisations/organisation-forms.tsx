'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { useHydrated } from '@/app/_components/use-hydrated';
import { SelectField, TextField } from '@/app/portal/_components/field';
import {
  ORG_KIND_LABELS, ORG_KINDS, ZCreateOrganisationSchema, ZRenameOrganisationSchema, type TCreateOrganisation, type TRenameOrganisation,
} from '@/lib/validation/organisations';
import { createOrganisationAction, renameOrganisationAction } from './actions';

/** 新增机构: a partner bank joining the scheme, a new office. */
export function CreateOrganisationForm() {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [banner, setBanner] = useState<{ ok: boolean; text: string } | null>(null);
  const methods = useForm<TCreateOrganisation>({ resolver: zodResolver(ZCreateOrganisationSchema), defaultValues: { code: '', name: '', kind: '' as never }, mode: 'onTouched' });
  const onSubmit = methods.handleSubmit((values) =>
    start(async () => {
      const r = await createOrganisationAction(values);
      if (r.ok) {
        setBanner({ ok: true, text: `已新增机构 ${values.name}（${r.data.code}）` });
        methods.reset();
        router.refresh();
        return;
      }
      setBanner({ ok: false, text: r.message });
      for (const [f, m] of Object.entries(r.fieldErrors ?? {})) methods.setError(f as FieldPath<TCreateOrganisation>, { message: m });
    }),
  );
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="新增机构" className="card grid gap-3 sm:grid-cols-3">
        <h2 className="font-medium sm:col-span-3">新增机构</h2>
        <TextField name="code" label="机构代码" hint="如 BANK-ICBC-KZ；出现在批次编号和接口权限中，创建后不能修改" />
        <TextField name="name" label="机构名称" />
        <SelectField name="kind" label="机构类型" options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
        {banner && <p role={banner.ok ? 'status' : 'alert'} className={`text-sm sm:col-span-3 ${banner.ok ? 'text-green-700' : 'text-red-600'}`}>{banner.text}</p>}
        <div className="sm:col-span-3"><button className="btn-primary" disabled={!hydrated || pending}>{pending ? '正在保存…' : '新增机构'}</button></div>
      </form>
    </FormProvider>
  );
}

/** 改名: one row of the directory. The code and kind never change. */
export function RenameOrganisationForm({ code, name }: { code: string; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const methods = useForm<TRenameOrganisation>({ resolver: zodResolver(ZRenameOrganisationSchema), defaultValues: { code, name } });
  const onSubmit = methods.handleSubmit((values) =>
    start(async () => {
      setSaved(false);
      const r = await renameOrganisationAction(values);
      setError(r.ok ? null : r.message);
      if (r.ok) {
        methods.reset(values);
        setSaved(true);
        router.refresh();
      }
    }),
  );
  const fieldError = methods.formState.errors.name?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`修改 ${code} 的名称`} className="flex flex-wrap items-center gap-2">
      <input className="input max-w-xs" aria-label={`${code} 的机构名称`} aria-invalid={!!fieldError} {...methods.register('name')} />
      <button className="btn-secondary px-2 py-1 text-xs" disabled={!hydrated || pending || !methods.formState.isDirty}>保存名称</button>
      {(fieldError || error) && <span role="alert" className="text-xs text-red-600">{fieldError ?? error}</span>}
      {saved && !methods.formState.isDirty && <span role="status" className="text-xs text-green-700">已保存</span>}
    </form>
  );
}
