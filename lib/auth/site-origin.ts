import { env } from '@/lib/env';

/** The site's own origin (NEXTAUTH_URL's), the base same-origin checks parse against. */
export function siteOrigin(): string {
  try {
    return new URL(env().NEXTAUTH_URL ?? '').origin;
  } catch {
    return 'http://localhost';
  }
}
