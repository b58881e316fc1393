import 'server-only';
import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER, normalizeAddress } from '@/lib/domain/client-address';

/**
 * The client's address as the app's server (scripts/serve.ts) derived it from the socket and
 * TRUSTED_PROXY_HOPS; the server removes any value a client sent under that name. Null when
 * the app runs without that server (`next dev`).
 */
export async function clientIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}

export function clientIpFromHeaders(h: Headers | Record<string, unknown> | undefined | null): string | null {
  if (!h) return null;
  const raw = h instanceof Headers ? h.get(CLIENT_ADDRESS_HEADER) : h[CLIENT_ADDRESS_HEADER];
  return typeof raw === 'string' ? normalizeAddress(raw) : null;
}
