import type { IncomingHttpHeaders } from 'node:http';
import { CLIENT_ADDRESS_HEADER, deriveClientAddress } from '@/lib/domain/client-address';

export interface ForwardingTrust {
  /** TRUSTED_PROXY_HOPS */
  trustedProxyHops: number;
  /** TRUST_FORWARDED_HOST === '1' */
  trustForwardedHost: boolean;
}

/**
 * What the app's server (scripts/serve.ts) does to every request's headers before Next.js
 * sees them: drop any client-sent `x-kz-client-ip`, set it to the address derived from the
 * socket and X-Forwarded-For (read exactly `trustedProxyHops` deep), and drop the forwarded
 * host (unless trusted) and forwarded protocol/port (unless a proxy is trusted). Returns the address.
 */
export function prepareForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trust: ForwardingTrust): string | null {
  delete headers[CLIENT_ADDRESS_HEADER];
  const address = deriveClientAddress(socketAddress, headers['x-forwarded-for'], trust.trustedProxyHops);
  if (address) headers[CLIENT_ADDRESS_HEADER] = address;
  if (!trust.trustForwardedHost) delete headers['x-forwarded-host'];
  if (trust.trustedProxyHops === 0) {
    delete headers['x-forwarded-proto'];
    delete headers['x-forwarded-port'];
  }
  return address;
}
