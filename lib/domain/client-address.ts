import { isIP } from 'node:net';

/**
 * The client's address as the app records and limits it, from what the TCP connection says
 * and the X-Forwarded-For header, trusting exactly `trustedHops` reverse proxies in front of
 * the app (TRUSTED_PROXY_HOPS). With 0 the header is ignored: the socket's peer is the
 * client. With N the socket's peer is the nearest proxy and each trusted proxy appended the
 * address it saw, so the client is the N-th entry from the right; whatever a client wrote
 * further left is never read. A header shorter than N, or an entry that is not an address,
 * falls back to the nearest address a trusted hop vouches for.
 */
export function deriveClientAddress(socketAddress: string | null | undefined, forwardedFor: string | string[] | null | undefined, trustedHops: number): string | null {
  const socket = normalizeAddress(socketAddress);
  if (trustedHops <= 0 || !socket) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const entries = header.split(',').map((s) => s.trim()).filter(Boolean);
  // chain[last] is the socket's peer (hop 1); chain[last - k] is what hop k saw.
  const chain = [...entries, socket];
  const last = chain.length - 1;
  let found = socket;
  for (let k = 1; k <= trustedHops && last - k >= 0; k++) {
    const addr = normalizeAddress(chain[last - k]);
    if (!addr) break;
    found = addr;
  }
  return found;
}

/** An IP address in one canonical spelling (IPv4-mapped IPv6 as IPv4, brackets and port removed), or null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:51234" (some proxies include the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[0-9a-z._~-]+$/i, ''); // an IPv6 zone id
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1];
  const kind = isIP(v);
  if (kind === 4) return v;
  if (kind === 6) return v.toLowerCase();
  return null;
}

/** The request header through which the app's own server hands the derived address to the app. */
export const CLIENT_ADDRESS_HEADER = 'x-kz-client-ip';
