import { describe, expect, it } from 'vitest';
import { addressInCidrs, parseCidrList } from '@/lib/domain/cidr';

describe('CIDR allowlists', () => {
  it('parses IPv4 and IPv6 blocks and single addresses, refusing anything else', () => {
    expect(parseCidrList('203.0.113.0/24, 2001:DB8::/32\n198.51.100.7')).toEqual({ ok: true, cidrs: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'] });
    expect(parseCidrList('')).toEqual({ ok: true, cidrs: [] });
    expect(parseCidrList('10.0.0.0/33 example.com 2001:db8::/129 1.2.3.4/')).toEqual({ ok: false, bad: ['10.0.0.0/33', 'example.com', '2001:db8::/129', '1.2.3.4/'] });
  });

  it('matches addresses inside the blocks only', () => {
    const cidrs = ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'];
    expect(addressInCidrs('203.0.113.200', cidrs)).toBe(true);
    expect(addressInCidrs('::ffff:203.0.113.5', cidrs)).toBe(true);
    expect(addressInCidrs('203.0.114.1', cidrs)).toBe(false);
    expect(addressInCidrs('2001:db8:1::9', cidrs)).toBe(true);
    expect(addressInCidrs('2001:db9::1', cidrs)).toBe(false);
    expect(addressInCidrs('198.51.100.7', cidrs)).toBe(true);
    expect(addressInCidrs('198.51.100.8', cidrs)).toBe(false);
    expect(addressInCidrs(null, cidrs)).toBe(false);
    expect(addressInCidrs('not-an-ip', cidrs)).toBe(false);
  });
});
