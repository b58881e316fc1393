import { describe, expect, it } from 'vitest';
import { userRole } from '@/db/schema/users';
import { AREAS, PERMISSIONS, ROLE_PERMISSIONS, hasPermission, homeAreaOf } from '@/lib/auth/permissions';

describe('role → permission table', () => {
  it('gives every role a home area, and only the applicant the portal', () => {
    for (const role of userRole.enumValues) expect(AREAS[homeAreaOf(role)].path).toMatch(/^\//);
    expect(userRole.enumValues.filter((r) => hasPermission(r, 'portal:access'))).toEqual(['applicant']);
  });

  it('AUTHZ-07 separation of duties: the admin approves no business item and the auditor changes nothing', () => {
    const business = PERMISSIONS.filter((p) => /^(review:|finance:|application:)/.test(p));
    for (const p of business) expect(hasPermission('admin', p)).toBe(false);
    const readOnly = ['pii:unmask', 'scorecard:view'];
    expect(ROLE_PERMISSIONS.auditor.every((p) => p.startsWith('audit:') || readOnly.includes(p))).toBe(true);
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
