import { BlockList, isIP } from 'node:net';

/**
 * Address allowlists written as CIDR blocks (`203.0.113.0/24`, `2001:db8::/32`, or one address).
 * Parsed strictly: each entry must be an IPv4 or IPv6 network with a prefix in range.
 */
export type CidrParse = { ok: true; cidrs: string[] } | { ok: false; bad: string[] };

function parseOne(raw: string): string | null {
  const m = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(raw.trim());
  if (!m) return null;
  const kind = isIP(m[1]);
  if (!kind) return null;
  const max = kind === 4 ? 32 : 128;
  const prefix = m[2] === undefined ? max : Number(m[2]);
  if (prefix < 0 || prefix > max) return null;
  return `${kind === 6 ? m[1].toLowerCase() : m[1]}/${prefix}`;
}

/** Entries separated by commas, spaces or new lines; empty input is an empty list (no restriction). */
export function parseCidrList(input: string | readonly string[]): CidrParse {
  const entries = (typeof input === 'string' ? input.split(/[\s,，;；]+/) : [...input]).map((s) => s.trim()).filter(Boolean);
  const cidrs: string[] = [];
  const bad: string[] = [];
  for (const e of entries) {
    const c = parseOne(e);
    if (c) {
      if (!cidrs.includes(c)) cidrs.push(c);
    } else bad.push(e);
  }
  return bad.length ? { ok: false, bad } : { ok: true, cidrs };
}

/** Whether `address` lies in one of `cidrs` (an IPv4-mapped IPv6 address counts as its IPv4 address). No address: not allowed. */
export function addressInCidrs(address: string | null | undefined, cidrs: readonly string[]): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const kind = isIP(ip);
  if (!kind) return false;
  const list = new BlockList();
  for (const c of cidrs) {
    const parsed = parseOne(c);
    if (!parsed) continue;
    const [net, prefix] = parsed.split('/');
    list.addSubnet(net, Number(prefix), isIP(net) === 6 ? 'ipv6' : 'ipv4');
  }
  return list.check(ip, kind === 6 ? 'ipv6' : 'ipv4');
}
