import { describe, expect, it } from 'vitest';
import { requestIdOf, routeOf } from '@/lib/server/observability/http-log';
import { addressAllowed, metricsAccessAllowed } from '@/lib/server/observability/metrics-access';
import { errorCodeOf } from '@/lib/server/observability/log';

describe('request log helpers', () => {
  it('a route drops the query (it may carry a searched name or ID number) and folds ids', () => {
    expect(routeOf('/review?q=500101199001011234')).toBe('/review');
    expect(routeOf('/review/0b7e4c1a-3f2d-4e5f-9a8b-1c2d3e4f5a6b/servicing')).toBe('/review/:id/servicing');
    expect(routeOf('/api/batches/42/export?format=xlsx')).toBe('/api/batches/:id/export');
    expect(routeOf('/_next/static/chunks/app.js')).toBe('/_next/static');
    expect(routeOf(undefined)).toBe('/');
  });
  it('a request id is the proxy\'s when it looks like one, else a fresh uuid', () => {
    expect(requestIdOf('abcd-1234-efgh')).toBe('abcd-1234-efgh');
    expect(requestIdOf('bad id with spaces\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('an error is logged by its code, never its message', () => {
    expect(errorCodeOf(Object.assign(new Error('insert … params: 王小明,13800000001'), { code: '23505' }))).toBe('23505');
    expect(errorCodeOf(new TypeError('secret'))).toBe('TypeError');
  });
});

describe('metrics access', () => {
  const cfg = { token: 'a-long-enough-metrics-token-123456', allow: '10.0.0.0/8, 192.168.1.5, ::1' };
  it('the right bearer token opens it; a wrong, missing or bare token does not', () => {
    expect(metricsAccessAllowed({ authorization: `Bearer ${cfg.token}`, ip: null }, cfg)).toBe(true);
    expect(metricsAccessAllowed({ authorization: `Bearer ${cfg.token}x`, ip: null }, cfg)).toBe(false);
    expect(metricsAccessAllowed({ authorization: cfg.token, ip: null }, cfg)).toBe(false);
    expect(metricsAccessAllowed({ authorization: null, ip: null }, cfg)).toBe(false);
  });
  it('listed addresses and ranges open it; others, and everyone when nothing is configured, do not', () => {
    expect(metricsAccessAllowed({ authorization: null, ip: '10.1.2.3' }, cfg)).toBe(true);
    expect(metricsAccessAllowed({ authorization: null, ip: '::ffff:192.168.1.5' }, cfg)).toBe(true);
    expect(metricsAccessAllowed({ authorization: null, ip: '::1' }, cfg)).toBe(true);
    expect(metricsAccessAllowed({ authorization: null, ip: '192.168.1.6' }, cfg)).toBe(false);
    expect(metricsAccessAllowed({ authorization: null, ip: '10.1.2.3' }, {})).toBe(false);
    expect(addressAllowed('not-an-ip', '0.0.0.0/0')).toBe(false);
  });
});
