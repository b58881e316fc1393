'use client';

import { useFormContext } from 'react-hook-form';
import { COUNTER_GUARANTEES } from '@/lib/validation/application';
import { CheckField, SelectField, TextArea, TextField } from '@/app/portal/_components/field';
import type { StepProps } from './step-props';

export function StepLoan({ options, highlight }: StepProps) {
  const { watch } = useFormContext();
  const counter = watch('loan.counterGuarantee');
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="loan.amount" label="申请金额（元）" inputMode="decimal" placeholder="例如 300000" highlight={highlight('loan.amount')} />
        <TextField name="loan.termMonths" label="贷款期限（月）" numeric inputMode="numeric" hint="个人、合伙最长 36 个月，小微企业最长 24 个月" highlight={highlight('loan.termMonths')} />
      </div>
      <TextArea name="loan.purpose" label="贷款用途" highlight={highlight('loan.purpose')} />
      <SelectField name="loan.bankCode" label="经办银行" options={options.banks.map((b) => ({ value: b.code, label: b.name }))} highlight={highlight('loan.bankCode')} />
      <SelectField name="loan.counterGuarantee" label="反担保方式" options={Object.entries(COUNTER_GUARANTEES).map(([value, label]) => ({ value, label }))} hint="个人贷款 10 万元及以下一般可免除反担保" highlight={highlight('loan.counterGuarantee')} />
      {counter && counter !== 'none' && <TextField name="loan.counterGuaranteeNote" label="反担保情况说明" highlight={highlight('loan.counterGuaranteeNote')} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="loan.priorLoans" label="此前已获创业担保贷款次数" numeric inputMode="numeric" highlight={highlight('loan.priorLoans')} />
      </div>
      <CheckField name="loan.priorOverdue" label="此前的创业担保贷款有逾期记录" />
      <CheckField name="loan.otherLoans" label="本人或配偶有其他未结清贷款" hint="助学、扶贫、住房、车辆贷款及 5 万元以下消费贷款除外" />
    </div>
  );
}
