import { z } from './zod';
import { zIdCardNumber, zOptionalIdCardNumber, zOptionalUscc } from './common';

/**
 * The application form (创业担保贷款申请表 + 三免两贴两推荐), shared by the wizard and the
 * server. Amounts are typed as yuan strings and converted to fen on the server only.
 */
export const LOAN_TYPES = ['individual', 'partnership', 'enterprise'] as const;
export type LoanType = (typeof LOAN_TYPES)[number];
export const LOAN_TYPE_LABELS: Record<LoanType, string> = { individual: '个人创业', partnership: '合伙创业', enterprise: '小微企业' };

export const MARITAL_STATUSES = { single: '未婚', married: '已婚', divorced: '离异', widowed: '丧偶' } as const;
export const COUNTER_GUARANTEES = { none: '无（申请免除反担保）', guarantor: '保证人担保', mortgage: '房产等抵押', pledge: '存单等质押', other: '其他方式' } as const;
export const INDUSTRIES = [
  '农林牧渔', '农产品加工', '批发零售', '餐饮住宿', '乡村旅游', '电子商务', '交通运输', '居民服务',
  '加工制造', '建筑装修', '文化教育', '信息技术', '其他',
] as const;

const yuan = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, `请输入${label}（元），最多两位小数`)
    .refine((v) => Number(v) > 0, `${label}须大于 0`);
const count = (label: string, max: number) =>
  z.coerce.number<number>({ error: `请输入${label}` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}不能超过 ${max}`);
const text = (label: string, min: number, max: number) =>
  z.string().trim().min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`).max(max, `${label}不能超过 ${max} 个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期');

export const ZPartnerSchema = z.object({
  name: text('合伙人姓名', 2, 30),
  idNumber: zIdCardNumber,
  category: z.string().min(1, '请选择合伙人人员类别'),
});

export const ZApplicationFormSchema = z
  .object({
    loanType: z.enum(LOAN_TYPES, { error: '请选择贷款类型' }),
    applicant: z.object({
      householdAddress: text('户籍地址', 5, 200),
      category: z.string().min(1, '请选择人员类别'),
      categoryNote: optionalText(200),
      maritalStatus: z.enum(Object.keys(MARITAL_STATUSES) as [keyof typeof MARITAL_STATUSES], { error: '请选择婚姻状况' }),
      spouseName: optionalText(30),
      spouseIdNumber: zOptionalIdCardNumber,
    }),
    business: z.object({
      name: text('经营主体名称', 2, 100),
      // Checked on its own whenever filled in; required for enterprises (below).
      uscc: zOptionalUscc,
      townCode: z.string().min(1, '请选择经营所在镇街'),
      address: text('经营场所地址', 5, 200),
      industry: z.enum(INDUSTRIES, { error: '请选择行业' }),
      foundedDate: isoDate.optional().or(z.literal('')),
      jobsCreated: count('带动就业人数', 10000),
      currentStaff: count('在职职工人数', 100000).optional(),
      newHires: count('当年新招用符合条件人员数', 100000).optional(),
    }),
    partners: z.array(ZPartnerSchema).max(19, '合伙人最多 20 人（含申请人）').default([]),
    loan: z.object({
      amount: yuan('申请金额'),
      termMonths: z.coerce.number<number>({ error: '请输入贷款期限' }).int('期限须为整月').min(1, '期限至少 1 个月').max(36, '期限最长 36 个月'),
      purpose: text('贷款用途', 4, 500),
      bankCode: z.string().min(1, '请选择经办银行'),
      counterGuarantee: z.enum(Object.keys(COUNTER_GUARANTEES) as [keyof typeof COUNTER_GUARANTEES], { error: '请选择反担保方式' }),
      counterGuaranteeNote: optionalText(200),
      priorLoans: count('已获创业担保贷款次数', 10),
      priorOverdue: z.boolean(),
      otherLoans: z.boolean(),
    }),
    returnee: z.object({
      isReturnee: z.boolean(),
      workedAwayPlace: optionalText(100),
      workedAwayYears: count('外出务工年限', 60).optional(),
      returnYear: z.coerce.number<number>().int().min(1980, '返乡年份有误').max(2100, '返乡年份有误').optional(),
    }),
    benefits: z.object({
      training: z.boolean(),
      trainingCourse: optionalText(100),
      feeWaiver: z.boolean(),
      rentWaiver: z.boolean(),
      rentPremises: optionalText(200),
      rentMonthly: z.string().trim().regex(/^(\d{1,7}(\.\d{1,2})?)?$/, '请输入月租金（元）').optional(),
      interestSubsidy: z.boolean(),
      insuranceSubsidy: z.boolean(),
      projectRecommendation: z.boolean(),
      projectInterest: optionalText(200),
      jobRecommendation: z.boolean(),
      jobNeeds: optionalText(200),
    }),
  })
  // Cross-field rules run even while other fields still have errors (`when`), so each
  // wizard step shows its own problems at once; hence the defensive `?.`.
  .superRefine(
    (v, ctx) => {
      const need = (cond: boolean, path: (string | number)[], message: string) => {
        if (cond) ctx.addIssue({ code: 'custom', path, message });
      };
      const { applicant, business, loan, returnee, benefits, partners } = v ?? ({} as typeof v);
      if (applicant?.maritalStatus === 'married') {
        need(!applicant.spouseName || applicant.spouseName.length < 2, ['applicant', 'spouseName'], '已婚请填写配偶姓名');
        need(!applicant.spouseIdNumber, ['applicant', 'spouseIdNumber'], '已婚请填写配偶身份证号码');
      }
      if (v?.loanType === 'enterprise') {
        need(!business?.uscc, ['business', 'uscc'], '小微企业请填写统一社会信用代码');
        need(business?.currentStaff === undefined || Number.isNaN(business.currentStaff), ['business', 'currentStaff'], '请填写在职职工人数');
        need(business?.newHires === undefined || Number.isNaN(business.newHires), ['business', 'newHires'], '请填写当年新招用符合条件人员数');
        need(!business?.foundedDate, ['business', 'foundedDate'], '请选择企业成立日期');
        need((loan?.termMonths ?? 0) > 24, ['loan', 'termMonths'], '小微企业贷款期限最长 24 个月');
      }
      if (v?.loanType === 'partnership') need((partners?.length ?? 0) < 1, ['partners'], '合伙创业请至少添加 1 名其他合伙人');
      if (loan?.counterGuarantee && loan.counterGuarantee !== 'none') need(!loan.counterGuaranteeNote, ['loan', 'counterGuaranteeNote'], '请说明反担保的具体情况');
      if (returnee?.isReturnee) need(!returnee.workedAwayPlace, ['returnee', 'workedAwayPlace'], '请填写外出务工地点');
      if (benefits?.rentWaiver) need(!benefits.rentPremises, ['benefits', 'rentPremises'], '请填写拟租用的国有资产场所');
    },
    { when: () => true },
  );

export type TApplicationFormInput = z.input<typeof ZApplicationFormSchema>;
export type TApplicationForm = z.output<typeof ZApplicationFormSchema>;

/** The fields each wizard step checks before moving on. */
export const WIZARD_STEPS = [
  { key: 'type', title: '贷款类型', fields: ['loanType'] },
  { key: 'applicant', title: '申请人信息', fields: ['applicant', 'returnee'] },
  { key: 'business', title: '经营主体', fields: ['business', 'partners'] },
  { key: 'loan', title: '贷款需求', fields: ['loan'] },
  { key: 'benefits', title: '三免两贴两推荐', fields: ['benefits'] },
  { key: 'documents', title: '上传材料', fields: [] },
  { key: 'confirm', title: '确认提交', fields: [] },
] as const;

/** A draft is whatever the applicant has typed so far: any JSON object of bounded size. */
export const ZDraftSchema = z
  .object({ applicationId: z.uuid(), step: z.number().int().min(0).max(WIZARD_STEPS.length - 1), form: z.record(z.string(), z.unknown()) })
  .strict()
  .refine((v) => JSON.stringify(v.form).length <= 64 * 1024, '草稿内容过大');

export const ZApplicationIdSchema = z.object({ applicationId: z.uuid('申请编号无效') }).strict();

export const ZSubmitApplicationSchema = z.object({ applicationId: z.uuid('申请编号无效'), form: z.unknown() }).strict();

/** 三免两贴两推荐 items, by form key. */
export const BENEFIT_LABELS: Record<string, string> = {
  training: '免技能培训费用',
  feeWaiver: '免企业开办手续费',
  rentWaiver: '免国有资产租金',
  interestSubsidy: '创业担保贷款贴息',
  insuranceSubsidy: '失业保险补贴',
  projectRecommendation: '推荐产业项目',
  jobRecommendation: '推荐就业岗位',
};
