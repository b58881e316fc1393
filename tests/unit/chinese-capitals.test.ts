import { describe, expect, it } from 'vitest';
import { amountInChineseCapitals as cap } from '@/lib/domain/paper/chinese-capitals';

const y = (yuan: string) => {
  const [i, d = ''] = yuan.split('.');
  return BigInt(i) * 100n + BigInt(d.padEnd(2, '0'));
};

describe('amountInChineseCapitals', () => {
  it.each([
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.30', '叁角整'],
    ['0.32', '叁角贰分'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['100', '壹佰元整'],
    ['101', '壹佰零壹元整'],
    ['1001', '壹仟零壹元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['100000', '壹拾万元整'],
    ['100001', '壹拾万零壹元整'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['100700', '壹拾万零柒佰元整'],
    ['100000001', '壹亿零壹元整'],
    ['325000', '叁拾贰万伍仟元整'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['8610900.00', '捌佰陆拾壹万零玖佰元整'],
    ['100000000', '壹亿元整'],
    ['100010000', '壹亿零壹万元整'],
    ['280000000', '贰亿捌仟万元整'],
    ['1234567890.12', '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%s 元 → %s', (yuan, text) => {
    expect(cap(y(yuan))).toBe(text);
  });

  it('writes a negative amount with 负', () => {
    expect(cap(-y('12.50'))).toBe('负壹拾贰元伍角整');
  });

  it('refuses 1 万亿元 and more rather than writing a wrong unit', () => {
    expect(() => cap(y('1000000000000'))).toThrow(RangeError);
  });
});
