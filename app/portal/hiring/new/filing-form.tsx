'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormProvider, useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { SelectField, TextField } from '@/app/portal/_components/field';
import {
  HIRE_CATEGORY_LABELS, HIRE_CATEGORY_OPTIONS, HIRING_MAX_HIRES, HIRING_SCHEME_LABELS, HIRING_SCHEMES, ZHiringFilingSchema, type THiringFiling, type THiringFilingInput,
} from '@/lib/validation/hiring';
import { fileHiringSubsidyAction } from '../actions';

const emptyHire = (): THiringFilingInput['hires'][number] => ({ name: '', idNumber: '', category: '' as never, contractMonths: undefined as never, insuredMonths: undefined as never });

/** The enterprise's filing: who it is, where to pay, and each hire (a card per person, phone-sized). */
export function HiringFilingForm({ years }: { years: number[] }) {
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const methods = useForm<THiringFilingInput, unknown, THiringFiling>({
    resolver: zodResolver(ZHiringFilingSchema),
    defaultValues: { policyYear: String(years[0]), scheme: 'absorb', uscc: '', enterpriseName: '', accountName: '', accountNo: '', accountBank: '', hires: [emptyHire()] },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError } = methods;
  const hires = useFieldArray({ control, name: 'hires' });

  const onSubmit = handleSubmit(
    (values) =>
      start(async () => {
        setBanner(null);
        const r = await fileHiringSubsidyAction(values);
        if (r.ok) {
          router.push(`/portal/hiring/${r.data.filingId}?filed=1`);
          return;
        }
        setBanner(r.message);
        for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) setError(field as FieldPath<THiringFilingInput>, { message: msg });
      }),
    () => setBanner('请按提示改正标红的内容'),
  );

  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="吸纳就业补贴申报">
        <section className="card grid gap-3 sm:grid-cols-2">
          <h2 className="font-medium sm:col-span-2">补贴项目与单位</h2>
          <SelectField name="policyYear" label="政策年度" options={years.map((y) => ({ value: String(y), label: `${y} 年度` }))} />
          <SelectField name="scheme" label="补贴项目" options={HIRING_SCHEMES.map((s) => ({ value: s, label: HIRING_SCHEME_LABELS[s] }))} />
          <TextField name="enterpriseName" label="单位名称" autoComplete="organization" />
          <TextField name="uscc" label="统一社会信用代码" hint="18 位，见营业执照" />
        </section>
        <section className="card grid gap-3 sm:grid-cols-3">
          <h2 className="font-medium sm:col-span-3">收款账户（单位对公账户）</h2>
          <TextField name="accountName" label="开户名" />
          <TextField name="accountNo" label="银行账号" inputMode="numeric" />
          <TextField name="accountBank" label="开户行" />
        </section>
        <section className="space-y-3">
          <h2 className="font-medium">招用人员（{hires.fields.length} 人）</h2>
          {hires.fields.map((field, i) => (
            <fieldset key={field.id} className="card grid gap-3 sm:grid-cols-2" aria-label={`第 ${i + 1} 名人员`}>
              <legend className="sr-only">第 {i + 1} 名人员</legend>
              <div className="flex items-center justify-between sm:col-span-2">
                <span className="text-sm font-medium text-slate-700">第 {i + 1} 名人员</span>
                {hires.fields.length > 1 && <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => hires.remove(i)}>删除</button>}
              </div>
              <TextField name={`hires.${i}.name`} label="姓名" />
              <TextField name={`hires.${i}.idNumber`} label="身份证号" hint="18 位，末位可为 X" />
              <SelectField name={`hires.${i}.category`} label="人员类别" options={HIRE_CATEGORY_OPTIONS.map((c) => ({ value: c, label: HIRE_CATEGORY_LABELS[c] }))} />
              <div className="grid grid-cols-2 gap-3">
                <TextField name={`hires.${i}.contractMonths`} label="劳动合同期限（月）" numeric inputMode="numeric" />
                <TextField name={`hires.${i}.insuredMonths`} label="连续参保月数" numeric inputMode="numeric" />
              </div>
            </fieldset>
          ))}
          {hires.fields.length < HIRING_MAX_HIRES && (
            <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => hires.append(emptyHire())}>增加一名人员</button>
          )}
        </section>
        {banner && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{banner}</p>}
        <p className="text-sm text-slate-600">提交后由人社部门审核，补贴金额由系统按政策规则核定；同一人员已享受过吸纳就业补贴或扩岗补助的，不再重复补贴。</p>
        <button className="btn-primary w-full sm:w-auto" disabled={pending || !hydrated}>{pending ? '正在提交…' : '提交申报'}</button>
      </form>
    </FormProvider>
  );
}
