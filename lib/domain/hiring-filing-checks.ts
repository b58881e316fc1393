/**
 * 一次性吸纳就业补贴: what HR (and, on the batch, finance) must be warned of about a filing.
 * Pure: the facts come from the use-case.
 */

export type FilerBasis = 'legal_rep' | 'confirmed_contact';

export interface FilingFacts {
  /** Why the filer may speak for the enterprise, or null when nothing on file says so. */
  filerBasis: FilerBasis | null;
  /** The enterprise's registered name, when the USCC is in the register. */
  registeredName: string | null;
  filedName: string;
  accountName: string;
}

export type FilingWarningCode = 'filer_not_contact' | 'payee_name_mismatch' | 'enterprise_name_mismatch';
export interface FilingWarning {
  code: FilingWarningCode;
  message: string;
}

/** The short form, for lists and batch lines. */
export const HIRING_WARNING_SHORT: Record<FilingWarningCode, string> = {
  filer_not_contact: '申报人非企业登记联系人',
  payee_name_mismatch: '收款户名与企业名称不一致',
  enterprise_name_mismatch: '单位名称与登记名称不一致',
};

export const FILER_BASIS_LABELS: Record<FilerBasis, string> = {
  legal_rep: '申报人为该企业登记的法定代表人',
  confirmed_contact: '申报人为人社确认的企业联系人',
};

/** Names compared as a bank compares them: spaces dropped, full-width brackets as half-width. */
export function normalizeOrgName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export function filingWarnings(f: FilingFacts): FilingWarning[] {
  const out: FilingWarning[] = [];
  const enterprise = f.registeredName ?? f.filedName;
  if (!f.filerBasis) {
    out.push({ code: 'filer_not_contact', message: '申报人不是该企业登记的联系人（与法定代表人身份证号不符，也未经人社确认），请核实其是否有权代表企业申报' });
  }
  if (f.registeredName && normalizeOrgName(f.registeredName) !== normalizeOrgName(f.filedName)) {
    out.push({ code: 'enterprise_name_mismatch', message: `申报的单位名称“${f.filedName}”与登记名称“${f.registeredName}”不一致` });
  }
  if (normalizeOrgName(f.accountName) !== normalizeOrgName(enterprise)) {
    out.push({ code: 'payee_name_mismatch', message: `收款账户户名“${f.accountName}”与企业名称“${enterprise}”不一致，补贴应拨付至企业对公账户` });
  }
  return out;
}
