import { expect } from 'chai';
import { canonicalDecimal, isCanonicalDecimal, isDecimalString } from '../../lib/decimals/index.js';

const BIG = '123456789012345678901234567890'; // far beyond 2^53

describe('canonicalDecimal', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['0', '0'],
    ['7', '7'],
    ['-7', '-7'],
    ['1.5', '1.5'],
    ['-0.005', '-0.005'],
    [BIG, BIG],
    [`-${BIG}.000000000000000000001`, `-${BIG}.000000000000000000001`],
    ['007', '7'],
    ['000', '0'],
    ['1.50', '1.5'],
    ['1.000', '1'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['-00.10', '-0.1'],
    ['+3', '3'],
    ['+0.5', '0.5'],
    ['1.', '1'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    [`000${BIG}.500`, `${BIG}.5`],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(canonicalDecimal(input)).to.equal(expected);
      expect(isCanonicalDecimal(input)).to.equal(input === expected);
      expect(isDecimalString(input)).to.equal(true);
    });
  }

  it('returns the very same string when it is canonical', () => {
    const s = `${BIG}.25`;
    expect(canonicalDecimal(s)).to.equal(s);
  });

  const invalid: readonly unknown[] = ['', '.', '-', '+', '-.', '1e5', '1E-3', ' 1', '1 ', '1,5', '1_000', '0x10', '1.2.3', '--1', 'NaN', 'Infinity', 'abc', 12, null, undefined];
  for (const value of invalid) {
    it(`rejects ${typeof value === 'string' ? JSON.stringify(value) : String(value)} with a TypeError naming it`, () => {
      expect(isDecimalString(value)).to.equal(false);
      expect(() => canonicalDecimal(value as string)).to.throw(TypeError, typeof value === 'string' ? JSON.stringify(value) : String(value));
    });
  }

  it('shortens a long bad value in the message', () => {
    expect(() => canonicalDecimal('x'.repeat(1000))).to.throw(TypeError, /"x{64}…"/);
  });
});
