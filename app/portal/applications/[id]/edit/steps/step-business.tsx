'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { SelectField, TextField } from '@/app/portal/_components/field';
import type { StepProps } from './step-props';

export function StepBusiness({ options, highlight }: StepProps) {
  const { watch, control } = useFormContext();
  const loanType = watch('loanType');
  const partners = useFieldArray({ control, name: 'partners' });
  return (
    <div className="space-y-4">
      <TextField name="business.name" label="经营主体名称" hint="个体工商户或企业名称；尚未登记的填写拟用名称" highlight={highlight('business.name')} />
      <TextField name="business.uscc" label={loanType === 'enterprise' ? '统一社会信用代码' : '统一社会信用代码（已登记的填写）'} hint="18 位，见营业执照" highlight={highlight('business.uscc')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="business.townCode" label="经营所在镇街" options={options.towns.map((t) => ({ value: t.code, label: t.name }))} highlight={highlight('business.townCode')} />
        <SelectField name="business.industry" label="所属行业" options={options.industries.map((i) => ({ value: i, label: i }))} highlight={highlight('business.industry')} />
      </div>
      <TextField name="business.address" label="经营场所地址" highlight={highlight('business.address')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="business.foundedDate" type="date" label={loanType === 'enterprise' ? '成立日期' : '成立日期（已登记的填写）'} highlight={highlight('business.foundedDate')} />
        <TextField name="business.jobsCreated" label="带动就业人数" numeric inputMode="numeric" highlight={highlight('business.jobsCreated')} />
      </div>
      {loanType === 'enterprise' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="business.currentStaff" label="在职职工人数" numeric inputMode="numeric" highlight={highlight('business.currentStaff')} />
          <TextField name="business.newHires" label="当年新招用符合条件人员数" numeric inputMode="numeric" hint="须达到在职职工的 15%（超过 100 人的 8%）" highlight={highlight('business.newHires')} />
        </div>
      )}
      {loanType === 'partnership' && (
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">其他合伙人（不含本人）</legend>
          {partners.fields.map((f, i) => (
            <div key={f.id} className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
              <TextField name={`partners.${i}.name`} label={`合伙人 ${i + 1} 姓名`} />
              <TextField name={`partners.${i}.idNumber`} label={`合伙人 ${i + 1} 身份证号码`} />
              <SelectField name={`partners.${i}.category`} label={`合伙人 ${i + 1} 人员类别`} options={options.categories.map((c) => ({ value: c.code, label: c.label }))} />
              <button type="button" className="btn-secondary self-end" onClick={() => partners.remove(i)}>删除</button>
            </div>
          ))}
          <button type="button" className="btn-secondary" onClick={() => partners.append({ name: '', idNumber: '', category: '' })}>添加合伙人</button>
          <PartnersError />
        </fieldset>
      )}
    </div>
  );
}

function PartnersError() {
  const { formState } = useFormContext();
  const e = formState.errors.partners as { message?: string; root?: { message?: string } } | undefined;
  const message = e?.message ?? e?.root?.message;
  return message ? <p className="field-error">{message}</p> : null;
}
