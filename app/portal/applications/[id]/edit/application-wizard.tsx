'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import type { ReturnItem } from '@/db/schema/applications';
import type { ApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import type { LoanTermsPreview } from '@/lib/server/applications/preview-loan-terms';
import { WIZARD_STEPS, ZApplicationFormSchema, type TApplicationForm, type TApplicationFormInput } from '@/lib/validation/application';
import { DocumentsPanel } from '@/app/portal/_components/documents-panel';
import { EngineAnswer } from '@/app/portal/_components/engine-answer';
import { previewTermsAction, resubmitApplicationAction, saveDraftAction, submitApplicationAction } from '@/app/portal/actions';
import { StepApplicant } from './steps/step-applicant';
import { StepBenefits } from './steps/step-benefits';
import { StepBusiness } from './steps/step-business';
import { StepConfirm } from './steps/step-confirm';
import { StepLoan } from './steps/step-loan';
import { StepType } from './steps/step-type';

export interface WizardProps {
  applicationId: string;
  mode: 'draft' | 'returned';
  initialForm: TApplicationFormInput;
  initialStep: number;
  options: ApplicationFormOptions;
  profile: { realName: string; idNumberMasked: string | null };
  returnItems: ReturnItem[];
  requiredDocKinds: string[];
}

const AUTOSAVE_MS = 1500;

export function ApplicationWizard(props: WizardProps) {
  const { applicationId, mode, options, profile, returnItems } = props;
  const router = useRouter();
  const [step, setStep] = useState(props.initialStep);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [preview, setPreview] = useState<LoanTermsPreview | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  const methods = useForm<TApplicationFormInput, unknown, TApplicationForm>({
    resolver: zodResolver(ZApplicationFormSchema),
    defaultValues: props.initialForm,
    mode: 'onTouched',
  });
  const { trigger, getValues, watch, setError } = methods;

  const highlight = (field: string) => returnItems.find((i) => i.field === field || field.startsWith(`${i.field}.`))?.note;

  // Autosave a moment after the applicant stops typing; nothing typed is lost.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const save = useCallback(
    async (atStep: number) => {
      const r = await saveDraftAction({ applicationId, step: atStep, form: JSON.parse(JSON.stringify(getValues())) });
      if (r.ok) setSavedAt(new Date(r.data.savedAt).toLocaleTimeString('zh-CN', { hour12: false }));
      else setBanner(r.message);
    },
    [applicationId, getValues],
  );
  useEffect(() => {
    const sub = watch(() => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(step), AUTOSAVE_MS);
    });
    return () => sub.unsubscribe();
  }, [watch, save, step]);

  const runPreview = async () => {
    setBanner(null);
    const r = await previewTermsAction(getValues());
    if (r.ok) setPreview(r.data);
    else showErrors(r.message, r.fieldErrors);
  };

  function showErrors(message: string, fieldErrors?: Record<string, string>) {
    setBanner(message);
    for (const [field, msg] of Object.entries(fieldErrors ?? {})) {
      if (field.includes('.') || field === 'loanType' || field === 'partners') setError(field as FieldPath<TApplicationFormInput>, { message: msg });
    }
  }

  const goTo = async (next: number) => {
    setBanner(null);
    if (next > step) {
      const fields = WIZARD_STEPS[step].fields as readonly FieldPath<TApplicationFormInput>[];
      if (fields.length && !(await trigger(fields as FieldPath<TApplicationFormInput>[], { shouldFocus: true }))) {
        setBanner('请先修改本页标红的内容');
        return;
      }
    }
    await save(Math.max(step, next));
    if (WIZARD_STEPS[next].key === 'confirm' || WIZARD_STEPS[next].key === 'loan') setPreview(null);
    if (WIZARD_STEPS[next].key === 'confirm') void runPreview();
    setStep(next);
    window.scrollTo({ top: 0 });
  };

  const submit = () =>
    startSubmit(async () => {
      setBanner(null);
      if (!(await trigger(undefined, { shouldFocus: false }))) {
        setBanner('申请表还有未填或填写有误的内容，请返回前面的步骤修改（标红处）');
        return;
      }
      const input = { applicationId, form: getValues() };
      const r = mode === 'returned' ? await resubmitApplicationAction(input) : await submitApplicationAction(input);
      if (r.ok) {
        router.push(`/portal/applications/${applicationId}?submitted=1`);
        router.refresh();
      } else showErrors(r.message, r.fieldErrors);
    });

  const current = WIZARD_STEPS[step];
  const stepProps = { options, profile, highlight };
  return (
    <FormProvider {...methods}>
      <div className="space-y-4">
        {mode === 'returned' && (
          <div role="note" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
            <p className="font-medium">您的申请被退回补正，请修改以下事项后重新提交（其他内容请勿改动）：</p>
            <ul className="mt-2 list-disc pl-5">{returnItems.map((i) => <li key={i.field}>{i.note}</li>)}</ul>
          </div>
        )}
        <ol className="flex gap-1 overflow-x-auto text-xs" aria-label="申请步骤">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s.key} aria-current={i === step ? 'step' : undefined} className={`flex-1 whitespace-nowrap rounded px-2 py-1.5 text-center ${i === step ? 'bg-brand-600 text-white' : i < step ? 'bg-brand-100 text-brand-800' : 'bg-slate-100 text-slate-500'}`}>
              {i + 1}. {s.title}
            </li>
          ))}
        </ol>
        <form className="card space-y-4" onSubmit={(e) => e.preventDefault()} noValidate>
          <div className="flex items-baseline justify-between">
            <h2 className="text-lg font-semibold">第 {step + 1} 步：{current.title}</h2>
            <span className="text-xs text-slate-500" aria-live="polite">{savedAt ? `草稿已保存 ${savedAt}` : ''}</span>
          </div>
          {banner && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{banner}</p>}
          {current.key === 'type' && <StepType locked={mode === 'returned'} />}
          {current.key === 'applicant' && <StepApplicant {...stepProps} />}
          {current.key === 'business' && <StepBusiness {...stepProps} />}
          {current.key === 'loan' && (
            <>
              <StepLoan {...stepProps} />
              <button type="button" className="btn-secondary" onClick={runPreview}>测算额度与贴息</button>
              {preview && <EngineAnswer preview={preview} />}
            </>
          )}
          {current.key === 'benefits' && <StepBenefits {...stepProps} />}
          {current.key === 'documents' && <DocumentsPanel applicationId={applicationId} editable requiredKinds={props.requiredDocKinds} />}
          {current.key === 'confirm' && <StepConfirm options={options} preview={preview} />}
          <div className="flex flex-wrap justify-between gap-2 border-t border-slate-100 pt-4">
            <button type="button" className="btn-secondary" disabled={step === 0} onClick={() => goTo(step - 1)}>上一步</button>
            {step < WIZARD_STEPS.length - 1 ? (
              <button type="button" className="btn-primary" onClick={() => goTo(step + 1)}>下一步</button>
            ) : (
              <button type="button" className="btn-primary" disabled={submitting || (preview !== null && !preview.eligible)} onClick={submit}>
                {submitting ? '正在提交…' : mode === 'returned' ? '补正后重新提交' : '确认提交申请'}
              </button>
            )}
          </div>
        </form>
      </div>
    </FormProvider>
  );
}
