/**
 * An applicant's login name. Applicants log in with their mobile (looked up by its blind
 * index), so the name is only a unique handle — never the mobile, which is stored encrypted.
 */
export const applicantUsername = (userId: string): string => `a-${userId.replace(/-/g, '')}`;
