'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { TextField } from '@/app/portal/_components/field';
import { ZRecordContractSchema, ZRecordDisbursementSchema, type TRecordContract, type TRecordDisbursement } from '@/lib/validation/loan';
import { recordContractAction, recordDisbursementAction } from '../actions';

/** The bank records the signed contract; the server's rules engine refuses a rate above the cap. */
export function ContractForm({ applicationId, version, defaults }: { applicationId: string; version: number; defaults: { principal: string; termMonths: number; today: string } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const methods = useForm<TRecordContract>({
    resolver: zodResolver(ZRecordContractSchema) as never,
    defaultValues: { applicationId, version, contractNo: '', principal: defaults.principal, annualRate: '', termMonths: defaults.termMonths, contractDate: defaults.today },
  });
  const onSubmit = methods.handleSubmit(async (values) => {
    setError(null);
    const r = await recordContractAction(values);
    if (r.ok) return router.refresh();
    setError(r.message);
    for (const [f, m] of Object.entries(r.fieldErrors ?? {})) methods.setError(f as FieldPath<TRecordContract>, { message: m });
  });
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} className="card space-y-3" noValidate aria-label="登记合同">
        <h2 className="font-medium">登记借款合同</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="contractNo" label="合同编号" />
          <TextField name="contractDate" type="date" label="签约日期" />
          <TextField name="principal" label="合同金额（元）" inputMode="decimal" />
          <TextField name="annualRate" label="合同年利率（%）" inputMode="decimal" hint="不得超过签约日政策利率上限" />
          <TextField name="termMonths" label="期限（月）" numeric inputMode="numeric" />
        </div>
        {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <button className="btn-primary" disabled={methods.formState.isSubmitting}>登记合同</button>
      </form>
    </FormProvider>
  );
}

export function DisbursementForm({ applicationId, version, defaults }: { applicationId: string; version: number; defaults: { amount: string; today: string } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const methods = useForm<TRecordDisbursement>({
    resolver: zodResolver(ZRecordDisbursementSchema),
    defaultValues: { applicationId, version, disbursedDate: defaults.today, amount: defaults.amount, drawdownNo: '', payoutAccount: '' },
  });
  const onSubmit = methods.handleSubmit(async (values) => {
    setError(null);
    const r = await recordDisbursementAction(values);
    if (r.ok) return router.refresh();
    setError(r.message);
    for (const [f, m] of Object.entries(r.fieldErrors ?? {})) methods.setError(f as FieldPath<TRecordDisbursement>, { message: m });
  });
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} className="card space-y-3" noValidate aria-label="登记放款">
        <h2 className="font-medium">登记放款</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="disbursedDate" type="date" label="放款日期" />
          <TextField name="amount" label="放款金额（元）" inputMode="decimal" />
          <TextField name="drawdownNo" label="借据号" />
          <TextField name="payoutAccount" label="放款账号" inputMode="numeric" hint="借款人在本行的收款账户；贴息拨付给借款人时打入此账户" />
        </div>
        {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <button className="btn-primary" disabled={methods.formState.isSubmitting}>登记放款</button>
      </form>
    </FormProvider>
  );
}
