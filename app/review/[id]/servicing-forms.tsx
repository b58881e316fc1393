'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type DefaultValues, type FieldPath, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { TextArea, TextField } from '@/app/portal/_components/field';
import type { ActionResult } from '@/lib/actions/action-result';
import {
  ZDeclareLoanDefaultSchema, ZExtendLoanSchema, ZMarkLoanOverdueSchema, ZRecordCompensationSchema, ZRecordRepaymentSchema, ZSettleLoanSchema,
  type TDeclareLoanDefault, type TExtendLoan, type TMarkLoanOverdue, type TRecordCompensation, type TRecordRepayment, type TSettleLoan,
} from '@/lib/validation/servicing';
import {
  declareLoanDefaultAction, extendLoanAction, markLoanOverdueAction, recordCompensationAction, recordRepaymentAction, settleLoanAction,
} from '../servicing-actions';

interface Base {
  applicationId: string;
  version: number;
  today: string;
}

/** One servicing form: shared schema on the client, the same schema and the real checks on the server. */
function useServicingForm<T extends FieldValues>(schema: z.ZodType, defaults: DefaultValues<T>, action: (v: T) => Promise<ActionResult<unknown>>, success: (data: unknown) => string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const methods = useForm<T>({ resolver: zodResolver(schema as never) as never, defaultValues: defaults });
  // Every change bumps the loan's version: the next submission carries the one just rendered.
  const version = (defaults as { version?: number }).version;
  useEffect(() => {
    methods.setValue('version' as FieldPath<T>, version as never);
  }, [methods, version]);
  const onSubmit = methods.handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const r = await action(values);
    if (r.ok) {
      setDone(success(r.data));
      methods.reset(defaults);
      router.refresh();
      return;
    }
    setError(r.message);
    for (const [f, m] of Object.entries(r.fieldErrors ?? {})) methods.setError(f as FieldPath<T>, { message: m });
  });
  return { methods, onSubmit, error, done, submitting: methods.formState.isSubmitting };
}

function Shell({ title, label, children, error, done, submitting, button, danger }: { title: string; label: string; children: React.ReactNode; error: string | null; done: string | null; submitting: boolean; button: string; danger?: boolean }) {
  return (
    <section className="card space-y-3">
      <h3 className="font-medium">{title}</h3>
      {children}
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {done && <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{done}</p>}
      <button className={danger ? 'btn bg-red-600 text-white hover:bg-red-700' : 'btn-primary'} disabled={submitting} aria-label={label}>{submitting ? '提交中…' : button}</button>
    </section>
  );
}

export function RepaymentForm({ applicationId, version, today, outstanding }: Base & { outstanding: string }) {
  const defaults: TRecordRepayment = { applicationId, version, repaidOn: today, principal: '', interest: '0', bankRef: '' };
  const f = useServicingForm<TRecordRepayment>(ZRecordRepaymentSchema, defaults, recordRepaymentAction, (d) => {
    const r = d as { outstanding: string; settled: boolean };
    return r.settled ? '还款已登记，本金已全部还清，贷款已结清。' : `还款已登记，未还本金 ${r.outstanding} 元。`;
  });
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="登记还款">
        <Shell title="登记还款" label="登记还款" button="登记还款" error={f.error} done={f.done} submitting={f.submitting}>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="repaidOn" type="date" label="还款日期" />
            <TextField name="bankRef" label="银行流水号" hint="同一笔还款不能重复登记" />
            <TextField name="principal" label="还款本金（元）" inputMode="decimal" hint={`未还本金 ${outstanding} 元；只付利息填 0`} />
            <TextField name="interest" label="还款利息（元）" inputMode="decimal" />
          </div>
        </Shell>
      </form>
    </FormProvider>
  );
}

export function OverdueForm({ applicationId, version, today }: Base) {
  const defaults: TMarkLoanOverdue = { applicationId, version, effectiveDate: today, note: '' };
  const f = useServicingForm<TMarkLoanOverdue>(ZMarkLoanOverdueSchema, defaults, markLoanOverdueAction, () => '已标记逾期；逾期所在计息期不享受贴息。');
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="标记逾期">
        <Shell title="标记逾期" label="标记逾期" button="标记逾期" error={f.error} done={f.done} submitting={f.submitting} danger>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="effectiveDate" type="date" label="逾期起始日" />
            <TextField name="note" label="说明（选填）" />
          </div>
        </Shell>
      </form>
    </FormProvider>
  );
}

export function ExtensionForm({ applicationId, version, maturityDate, latestDate, maxMonths }: Base & { maturityDate: string; latestDate: string; maxMonths: number }) {
  const defaults: TExtendLoan = { applicationId, version, newMaturityDate: latestDate, note: '' };
  const f = useServicingForm<TExtendLoan>(ZExtendLoanSchema, defaults, extendLoanAction, (d) => `已展期至 ${(d as { newMaturityDate: string }).newMaturityDate}。`);
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="办理展期">
        <Shell title="办理展期" label="办理展期" button="办理展期" error={f.error} done={f.done} submitting={f.submitting}>
          <p className="text-sm text-slate-600">原到期日 {maturityDate}。每笔贷款限展期一次，最长 {maxMonths} 个月（不晚于 {latestDate}），展期期间不享受贴息。</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="newMaturityDate" type="date" label="展期后到期日" />
            <TextArea name="note" label="展期原因" />
          </div>
        </Shell>
      </form>
    </FormProvider>
  );
}

export function SettleForm({ applicationId, version, today }: Base) {
  const defaults: TSettleLoan = { applicationId, version, settledOn: today };
  const f = useServicingForm<TSettleLoan>(ZSettleLoanSchema, defaults, settleLoanAction, () => '贷款已结清。');
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="结清">
        <Shell title="结清" label="结清" button="确认结清" error={f.error} done={f.done} submitting={f.submitting}>
          <TextField name="settledOn" type="date" label="结清日期" />
        </Shell>
      </form>
    </FormProvider>
  );
}

export function DefaultForm({ applicationId, version, today }: Base) {
  const defaults: TDeclareLoanDefault = { applicationId, version, effectiveDate: today, note: '' };
  const f = useServicingForm<TDeclareLoanDefault>(ZDeclareLoanDefaultSchema, defaults, declareLoanDefaultAction, () => '已认定违约，担保机构可办理代偿。');
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="认定违约">
        <Shell title="认定违约" label="认定违约" button="认定违约" error={f.error} done={f.done} submitting={f.submitting} danger>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="effectiveDate" type="date" label="违约认定日期" />
            <TextArea name="note" label="认定理由" />
          </div>
        </Shell>
      </form>
    </FormProvider>
  );
}

export function CompensationForm({ applicationId, version, today, outstanding }: Base & { outstanding: string }) {
  const defaults: TRecordCompensation = { applicationId, version, effectiveDate: today, amount: outstanding };
  const f = useServicingForm<TRecordCompensation>(ZRecordCompensationSchema, defaults, recordCompensationAction, () => '代偿已登记。');
  return (
    <FormProvider {...f.methods}>
      <form onSubmit={f.onSubmit} noValidate aria-label="登记代偿">
        <Shell title="登记代偿" label="登记代偿" button="登记代偿" error={f.error} done={f.done} submitting={f.submitting}>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="effectiveDate" type="date" label="代偿日期" />
            <TextField name="amount" label="代偿金额（元）" inputMode="decimal" hint="不超过未还本金与未付利息之和" />
          </div>
        </Shell>
      </form>
    </FormProvider>
  );
}
