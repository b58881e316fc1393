import { describe, expect, it } from 'vitest';
import { userRole } from '@/db/schema/users';
import { ADMIN_REQUEST_PERMISSION, AREAS, PERMISSIONS, ROLE_PERMISSIONS, hasPermission, homeAreaOf } from '@/lib/auth/permissions';

describe('role → permission table', () => {
  it('gives every role a home area, and only the applicant the portal', () => {
    for (const role of userRole.enumValues) expect(AREAS[homeAreaOf(role)].path).toMatch(/^\//);
    expect(userRole.enumValues.filter((r) => hasPermission(r, 'portal:access'))).toEqual(['applicant']);
  });

  it('AUTHZ-07 separation of duties: no administrator holds a business permission and the auditor changes nothing', () => {
    const business = PERMISSIONS.filter((p) => /^(portal:|review:|finance:|application:|subsidy:|batch:|pii:)/.test(p));
    expect(business.length).toBeGreaterThanOrEqual(15);
    for (const role of ['admin', 'security_admin'] as const) for (const p of business) expect(hasPermission(role, p), `${role} ${p}`).toBe(false);
    const readOnly = ['pii:unmask', 'scorecard:view'];
    expect(ROLE_PERMISSIONS.auditor.every((p) => p.startsWith('audit:') || readOnly.includes(p))).toBe(true);
  });

  it('三权分立: administration is split between the system and the security administrator, each request kind made and checked by one of them', () => {
    const systemOnly = ['admin:users', 'admin:policy'] as const;
    const securityOnly = ['admin:roles', 'admin:credentials', 'admin:api_tokens'] as const;
    for (const p of systemOnly) expect(userRole.enumValues.filter((r) => hasPermission(r, p))).toEqual(['admin']);
    for (const p of securityOnly) expect(userRole.enumValues.filter((r) => hasPermission(r, p))).toEqual(['security_admin']);
    expect(Object.fromEntries(Object.entries(ADMIN_REQUEST_PERMISSION).map(([k, p]) => [k, userRole.enumValues.filter((r) => hasPermission(r, p))]))).toEqual({
      create_user: ['admin'],
      change_role: ['security_admin'],
      reset_password: ['security_admin'],
      reset_mfa: ['security_admin'],
      issue_api_token: ['security_admin'],
      revoke_api_token: ['security_admin'],
    });
    // The auditor administers nothing.
    expect(ROLE_PERMISSIONS.auditor.some((p) => p.startsWith('admin:'))).toBe(false);
  });

  it('each reviewer role holds exactly its own stage', () => {
    const stages = ['review:hr', 'review:guarantee', 'review:bank'] as const;
    expect(stages.filter((s) => hasPermission('hr_reviewer', s))).toEqual(['review:hr']);
    expect(stages.filter((s) => hasPermission('guarantee_reviewer', s))).toEqual(['review:guarantee']);
    expect(stages.filter((s) => hasPermission('bank_officer', s))).toEqual(['review:bank']);
  });

  it('names only known permissions (no bypass flag such as a super checker)', () => {
    for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) expect(PERMISSIONS).toContain(p);
    expect(PERMISSIONS.some((p) => /super|bypass|\*/.test(p))).toBe(false);
  });
});
