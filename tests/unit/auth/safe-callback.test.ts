import { describe, expect, it } from 'vitest';
import { safeCallbackPath, sameOriginPath } from '@/lib/domain/safe-callback';

const ORIGIN = 'https://loans.example.gov.cn';

/** Every way of writing "go to another site" we know of: all must fall back. */
const OFFSITE_VARIANTS = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/%2Fevil.example',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%255Cevil.example',
  '/%252F%252Fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%09/evil.example',
  '/%0A/evil.example',
  '/%0d%0a/evil.example',
  '/\u0000/evil.example',
  '/%00/evil.example',
  '\t//evil.example',
  ' //evil.example',
  'https://evil.example/',
  'http://loans.example.gov.cn.evil.example/',
  'https://loans.example.gov.cn@evil.example/',
  '//loans.example.gov.cn@evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,hi',
  'evil.example',
  '.evil.example',
  '',
  '/.\\evil.example',
  `/${'a'.repeat(3000)}`,
];

describe('safe callback URLs', () => {
  it.each(OFFSITE_VARIANTS)('refuses %j', (value) => {
    expect(sameOriginPath(value, ORIGIN)).toBeNull();
    expect(safeCallbackPath(value, ORIGIN)).toBe('/home');
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, ['/portal'], { href: '/portal' }]) expect(safeCallbackPath(v, ORIGIN)).toBe('/home');
  });

  it.each([
    ['/portal', '/portal'],
    ['/finance', '/finance'],
    ['/review/applications/1?tab=docs#history', '/review/applications/1?tab=docs#history'],
    ['/account/mfa', '/account/mfa'],
    ['/portal/../admin', '/admin'],
    ['/%E7%94%B3%E8%AF%B7', '/%E7%94%B3%E8%AF%B7'],
    ['/申请', '/%E7%94%B3%E8%AF%B7'],
    [`${ORIGIN}/portal`, null],
  ])('keeps the same-origin path %j', (value, expected) => {
    expect(sameOriginPath(value, ORIGIN)).toBe(expected);
  });

  it('uses the caller\'s fallback', () => {
    expect(safeCallbackPath('//evil.example', ORIGIN, '/login')).toBe('/login');
  });
});
