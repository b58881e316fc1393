import { validateMobile } from '@/lib/domain/validators';

/** Login names are compared after NFKC and lower-casing, so "Ａdmin" and "admin" are one account. */
export const normalizeUsername = (name: string) => name.normalize('NFKC').trim().toLowerCase();

/** A login identifier is a mobile number when it is a valid one, otherwise a username. */
export function parseIdentifier(raw: string): { kind: 'mobile' | 'username'; value: string } {
  const mobile = validateMobile(raw);
  return mobile.valid ? { kind: 'mobile', value: mobile.normalized } : { kind: 'username', value: normalizeUsername(raw) };
}
