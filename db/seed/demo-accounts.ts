import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { organisations, users } from '../schema';
import type { Role } from '../schema/users';
import { maskIdNumber } from '@/lib/domain/mask';
import { isStaffRole } from '@/lib/domain/roles';
import { hashPassword } from '@/lib/server/crypto/password';
import { blindIndex, encryptPii, mobileHash, sealMobile } from '@/lib/server/crypto/pii';
import { applicantUsername } from '@/lib/server/users/applicant-username';

/** One password for every demo account; README prints it. Demo data only — never in production. */
export const DEMO_PASSWORD = 'Kaizhou@2026';

/**
 * One TOTP secret enrolled for every demo staff account (README prints it), so a person with
 * any authenticator app, and the browser tests, can log in. Demo data only.
 */
export const DEMO_TOTP_SECRET = 'JBKZDEMO2TOTP3SECRET4KAIZHOU5XYZ';

export interface DemoAccount {
  /** What the person types to log in (an applicant: the mobile; the stored login name is then a handle). */
  username: string;
  realName: string;
  role: Role;
  orgCode?: string;
  mobile?: string;
  idNumber?: string;
  /** A staff account left without a second factor, to show (and test) enrolment at first login. */
  notEnrolled?: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: '13800000001', mobile: '13800000001', realName: '王小明', role: 'applicant', idNumber: '500234199001011232' },
  // Staff have a mobile of their own: a one-time password reaches them there, never through an administrator.
  { username: 'hr', realName: '李华', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17700000101' },
  // A second HR reviewer and finance officer: whoever prepares a batch may not verify or approve it.
  { username: 'hr2', realName: '黄丽', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17700000102' },
  { username: 'guarantee', realName: '陈静', role: 'guarantee_reviewer', orgCode: 'KZ-GUAR', mobile: '17700000103' },
  { username: 'bank', realName: '刘洋', role: 'bank_officer', orgCode: 'BANK-ABC-KZ', mobile: '17700000104' },
  { username: 'bank2', realName: '赵敏', role: 'bank_officer', orgCode: 'BANK-CQRCB-KZ', mobile: '17700000105' },
  { username: 'finance', realName: '周强', role: 'finance_officer', orgCode: 'KZ-FIN', mobile: '17700000106' },
  { username: 'finance2', realName: '何芳', role: 'finance_officer', orgCode: 'KZ-FIN', mobile: '17700000107' },
  // Two of each administrator (三权分立): every administration request is made by one and approved by the other.
  { username: 'admin', realName: '孙磊', role: 'admin', orgCode: 'KZ-OPS', mobile: '17700000108' },
  { username: 'admin2', realName: '吴婷', role: 'admin', orgCode: 'KZ-OPS', mobile: '17700000109' },
  { username: 'security', realName: '钱程', role: 'security_admin', orgCode: 'KZ-OPS', mobile: '17700000110' },
  { username: 'security2', realName: '冯雪', role: 'security_admin', orgCode: 'KZ-OPS', mobile: '17700000111' },
  { username: 'auditor', realName: '郑凯', role: 'auditor', orgCode: 'KZ-AUDIT', mobile: '17700000112' },
  // Not enrolled: its first login goes to /account/mfa (e2e/mfa.spec.ts enrols it).
  { username: 'trainee', realName: '钱进', role: 'auditor', orgCode: 'KZ-AUDIT', mobile: '17700000113', notEnrolled: true },
];

/** Idempotent: an existing demo account gets its password, second factor, role and organisation reset. */
export async function seedDemoAccounts(db: DbOrTx, password = DEMO_PASSWORD) {
  const passwordHash = await hashPassword(password);
  const orgs = await db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const orgId = (code?: string) => (code ? orgs.find((o) => o.code === code)?.id ?? null : null);
  for (const a of DEMO_ACCOUNTS) {
    const values = {
      ...(a.mobile ? sealMobile(a.mobile) : { mobileEnc: null, mobileHash: null, mobileMasked: null }),
      realName: a.realName,
      role: a.role,
      orgId: orgId(a.orgCode),
      status: 'active' as const,
      passwordHash,
      idNumberHash: a.idNumber ? blindIndex('id', a.idNumber) : null,
      idNumberEnc: a.idNumber ? encryptPii(a.idNumber) : null,
      idNumberMasked: a.idNumber ? maskIdNumber(a.idNumber) : null,
      passwordChangedAt: new Date(),
      totpSecretEnc: isStaffRole(a.role) && !a.notEnrolled ? encryptPii(DEMO_TOTP_SECRET) : null,
      totpPendingEnc: null,
      totpLastStep: null,
      totpEnrolledAt: isStaffRole(a.role) && !a.notEnrolled ? new Date() : null,
    };
    const applicant = a.role === 'applicant';
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(applicant && a.mobile ? eq(users.mobileHash, mobileHash(a.mobile)) : eq(users.username, a.username));
    if (existing) await db.update(users).set(values).where(eq(users.id, existing.id));
    else {
      const id = crypto.randomUUID();
      await db.insert(users).values({ id, username: applicant ? applicantUsername(id) : a.username, ...values });
    }
  }
}
