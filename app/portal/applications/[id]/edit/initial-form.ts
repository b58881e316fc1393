import type { LoanType, TApplicationFormInput } from '@/lib/validation/application';

const EMPTY = (loanType: LoanType): TApplicationFormInput => ({
  loanType,
  applicant: { householdAddress: '', category: '', maritalStatus: undefined as never },
  business: { name: '', townCode: '', address: '', industry: undefined as never, jobsCreated: undefined as never, uscc: '', foundedDate: '' },
  partners: [],
  loan: { amount: '', termMonths: undefined as never, purpose: '', bankCode: '', counterGuarantee: undefined as never, priorLoans: 0, priorOverdue: false, otherLoans: false },
  returnee: { isReturnee: false },
  benefits: { training: false, feeWaiver: false, rentWaiver: false, interestSubsidy: true, insuranceSubsidy: false, projectRecommendation: false, jobRecommendation: false },
});

/** JSON turned NaN into null: null must read as "not given", never as 0. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]));
  return v;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    out[k] = b && typeof b === 'object' && !Array.isArray(b) && v && typeof v === 'object' && !Array.isArray(v) ? merge(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** The wizard's starting values: the saved draft over an empty form of its loan type. */
export function initialFormValues(saved: Record<string, unknown>, loanType: LoanType): TApplicationFormInput {
  return merge(EMPTY(loanType) as unknown as Record<string, unknown>, dropNulls(saved) as Record<string, unknown>) as unknown as TApplicationFormInput;
}
