'use client';

import { useFormContext } from 'react-hook-form';
import { CheckField, TextField } from '@/app/portal/_components/field';
import type { StepProps } from './step-props';

/** 三免两贴两推荐: what a returning entrepreneur can ask for with the loan. */
export function StepBenefits({ highlight }: StepProps) {
  const { watch } = useFormContext();
  const b = watch('benefits') ?? {};
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">开州区“三免两贴两推荐”政策，请勾选您需要的项目，由人社部门逐项审核。</p>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">三免</legend>
        <CheckField name="benefits.training" label="免技能培训费用" hint="参加创业培训或职业技能培训" />
        {b.training && <TextField name="benefits.trainingCourse" label="希望参加的培训（选填）" placeholder="如 SYB 创业培训、电商直播" />}
        <CheckField name="benefits.feeWaiver" label="免企业开办手续费" />
        <CheckField name="benefits.rentWaiver" label="免国有资产租金（3—6 个月）" hint="仅限租用国有资产经营场所" />
        {b.rentWaiver && (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="benefits.rentPremises" label="拟租用的国有资产场所" highlight={highlight('benefits.rentPremises')} />
            <TextField name="benefits.rentMonthly" label="月租金（元）" inputMode="decimal" />
          </div>
        )}
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">两贴</legend>
        <CheckField name="benefits.interestSubsidy" label="创业担保贷款贴息" hint="按政策最长贴息 2 年" />
        <CheckField name="benefits.insuranceSubsidy" label="失业保险补贴（稳岗返还等）" />
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">两推荐</legend>
        <CheckField name="benefits.projectRecommendation" label="推荐产业项目" />
        {b.projectRecommendation && <TextField name="benefits.projectInterest" label="感兴趣的产业方向（选填）" />}
        <CheckField name="benefits.jobRecommendation" label="推荐就业岗位 / 推荐求职人员" />
        {b.jobRecommendation && <TextField name="benefits.jobNeeds" label="岗位或用工需求（选填）" />}
      </fieldset>
    </div>
  );
}
