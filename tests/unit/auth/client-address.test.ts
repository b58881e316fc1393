import { describe, expect, it } from 'vitest';
import { deriveClientAddress, normalizeAddress } from '@/lib/domain/client-address';

describe('client address from the socket and TRUSTED_PROXY_HOPS', () => {
  it('with no trusted proxy (0) ignores X-Forwarded-For entirely', () => {
    expect(deriveClientAddress('198.51.100.9', '1.2.3.4', 0)).toBe('198.51.100.9');
    expect(deriveClientAddress('::ffff:198.51.100.9', '1.2.3.4, 5.6.7.8', 0)).toBe('198.51.100.9');
    expect(deriveClientAddress('::1', undefined, 0)).toBe('::1');
    expect(deriveClientAddress(undefined, '1.2.3.4', 0)).toBeNull();
  });

  it('with one proxy takes the rightmost entry, never what the client wrote to its left', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended what it saw.
    expect(deriveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(deriveClientAddress('10.0.0.2', ['6.6.6.6', '203.0.113.7'], 1)).toBe('203.0.113.7');
    expect(deriveClientAddress('10.0.0.2', '203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('with two proxies reads exactly two deep', () => {
    expect(deriveClientAddress('10.0.0.3', '6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('falls back to the nearest trusted hop when the header is short or holds garbage', () => {
    expect(deriveClientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(deriveClientAddress('10.0.0.3', '10.0.0.2', 2)).toBe('10.0.0.2');
    expect(deriveClientAddress('10.0.0.2', 'evil, not-an-ip', 1)).toBe('10.0.0.2');
    expect(deriveClientAddress('10.0.0.3', '<script>, 10.0.0.2', 2)).toBe('10.0.0.2');
  });

  it('normalises spellings', () => {
    expect(normalizeAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('unknown')).toBeNull();
    expect(normalizeAddress('')).toBeNull();
  });
});
