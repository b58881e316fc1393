import type { DbOrTx } from '../client';
import { organisations } from '../schema';

export const ORGANISATIONS = [
  { code: 'KZ-HRSS', name: '开州区人力资源和社会保障局', kind: 'hr_bureau' },
  { code: 'KZ-EMP', name: '开州区就业和人才中心', kind: 'hr_bureau' },
  { code: 'KZ-GUAR', name: '开州区创业担保贷款担保基金运营中心', kind: 'guarantee_fund' },
  { code: 'BANK-ABC-KZ', name: '中国农业银行重庆开州支行', kind: 'bank' },
  { code: 'BANK-CQRCB-KZ', name: '重庆农村商业银行开州支行', kind: 'bank' },
  { code: 'BANK-PSBC-KZ', name: '中国邮政储蓄银行重庆开州区支行', kind: 'bank' },
  { code: 'KZ-FIN', name: '开州区财政局', kind: 'finance_bureau' },
  { code: 'KZ-OPS', name: '开州区大数据应用发展管理中心（系统运维）', kind: 'operator' },
  { code: 'KZ-AUDIT', name: '开州区审计局', kind: 'oversight' },
] as const;

/** Idempotent: re-running updates names and kinds in place. */
export async function seedOrganisations(db: DbOrTx) {
  for (const org of ORGANISATIONS) {
    await db.insert(organisations).values(org).onConflictDoUpdate({ target: organisations.code, set: { name: org.name, kind: org.kind } });
  }
  return db.select().from(organisations);
}
