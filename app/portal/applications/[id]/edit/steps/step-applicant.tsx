'use client';

import { useFormContext } from 'react-hook-form';
import { MARITAL_STATUSES } from '@/lib/validation/application';
import { CheckField, SelectField, TextField } from '@/app/portal/_components/field';
import type { StepProps } from './step-props';

export function StepApplicant({ options, profile, highlight }: StepProps) {
  const { watch } = useFormContext();
  const married = watch('applicant.maritalStatus') === 'married';
  const returnee = watch('returnee.isReturnee');
  return (
    <div className="space-y-4">
      <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
        申请人：<span className="font-medium text-slate-900">{profile.realName}</span>，身份证号 {profile.idNumberMasked}（来自实名注册信息）
      </div>
      <TextField name="applicant.householdAddress" label="户籍地址" highlight={highlight('applicant.householdAddress')} />
      <SelectField name="applicant.category" label="人员类别" options={options.categories.map((c) => ({ value: c.code, label: c.label }))} hint="请在“上传材料”一步上传相应证明" highlight={highlight('applicant.category')} />
      <TextField name="applicant.categoryNote" label="类别证明说明（选填）" hint="如退役证号、毕业证编号" />
      <SelectField name="applicant.maritalStatus" label="婚姻状况" options={Object.entries(MARITAL_STATUSES).map(([value, label]) => ({ value, label }))} highlight={highlight('applicant.maritalStatus')} />
      {married && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="applicant.spouseName" label="配偶姓名" highlight={highlight('applicant.spouseName')} />
          <TextField name="applicant.spouseIdNumber" label="配偶身份证号码" highlight={highlight('applicant.spouseIdNumber')} />
        </div>
      )}
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">返乡创业情况</legend>
        <CheckField name="returnee.isReturnee" label="我是返乡创业人员" hint="曾在区外务工、经商，返回开州创业" />
        {returnee && (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField name="returnee.workedAwayPlace" label="外出务工地点" highlight={highlight('returnee.workedAwayPlace')} />
            <TextField name="returnee.workedAwayYears" label="外出务工年限" numeric inputMode="numeric" />
            <TextField name="returnee.returnYear" label="返乡年份" numeric inputMode="numeric" />
          </div>
        )}
      </fieldset>
    </div>
  );
}
