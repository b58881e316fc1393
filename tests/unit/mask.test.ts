import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskMobile, maskName } from '@/lib/domain/mask';

describe('PII-02 masking', () => {
  it('matches the golden formats', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('6222***********0123');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('keeps length and the last 4, shows at most 7 clear characters, and is idempotent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(-4)).toBe(id.slice(-4));
        expect(m.replace(/\*/g, '').length).toBeLessThanOrEqual(7);
        expect(maskIdNumber(m)).toBe(m);
        expect(m).not.toBe(id);
      }),
    );
  });
});
