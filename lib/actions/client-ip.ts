import 'server-only';
import { headers } from 'next/headers';

/** The first X-Forwarded-For hop (set by the trusted reverse proxy in production). */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0].trim() || h.get('x-real-ip') || null;
}
