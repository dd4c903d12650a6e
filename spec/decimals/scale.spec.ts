import { expect } from 'chai';
import { decimalToNumber, scaleDecimal, unscaleDecimal } from '../../lib/decimals/index.js';

const BIG = '123456789012345678901234567890'; // far beyond 2^53

describe('scaleDecimal / unscaleDecimal', () => {
  // raw, places, scaled
  const cases: ReadonlyArray<readonly [string, number, string]> = [
    ['123456', 2, '1234.56'],
    ['-5', 3, '-0.005'],
    ['100', 2, '1'],
    ['0', 4, '0'],
    ['7', 0, '7'],
    ['120', 1, '12'],
    ['1', 18, '0.000000000000000001'],
    [BIG, 18, '123456789012.34567890123456789'],
    [`-${BIG}`, 30, '-0.12345678901234567890123456789'],
    [BIG, 0, BIG],
  ];
  for (const [raw, places, scaled] of cases) {
    it(`${raw} at ${places} places ↔ ${scaled}`, () => {
      expect(scaleDecimal(raw, places)).to.equal(scaled);
      expect(unscaleDecimal(scaled, places)).to.equal(raw);
    });
  }

  it('scales fractional and non-canonical raw values', () => {
    expect(scaleDecimal('1.5', 2)).to.equal('0.015');
    expect(scaleDecimal('-12.5', 1)).to.equal('-1.25');
    expect(scaleDecimal('00100', 2)).to.equal('1');
    expect(scaleDecimal('-0', 2)).to.equal('0');
  });

  it('keeps exactly `places` fraction digits with { fixed: true }', () => {
    expect(scaleDecimal('100', 2, { fixed: true })).to.equal('1.00');
    expect(scaleDecimal('0', 4, { fixed: true })).to.equal('0.0000');
    expect(scaleDecimal('-5', 3, { fixed: true })).to.equal('-0.005');
    expect(scaleDecimal('123450', 3, { fixed: true })).to.equal('123.450');
    expect(scaleDecimal('7', 0, { fixed: true })).to.equal('7');
    expect(scaleDecimal('1.5', 2, { fixed: true }), 'never rounds').to.equal('0.015');
  });

  it('unscales values with fewer fraction digits and non-canonical ones', () => {
    expect(unscaleDecimal('1.5', 3)).to.equal('1500');
    expect(unscaleDecimal('1.500', 1)).to.equal('15');
    expect(unscaleDecimal('-0.005', 3)).to.equal('-5');
    expect(unscaleDecimal('0', 10)).to.equal('0');
  });

  it('refuses to round when unscaling', () => {
    expect(() => unscaleDecimal('1.234', 2)).to.throw(RangeError, /"1\.234" has 3 fraction digits, more than the 2 decimal places/);
  });

  it('rejects bad places with a RangeError and bad values with a TypeError', () => {
    for (const places of [-1, 101, 1.5, NaN, Infinity]) {
      expect(() => scaleDecimal('1', places), String(places)).to.throw(places === 1.5 || Number.isNaN(places) ? TypeError : RangeError);
      expect(() => unscaleDecimal('1', places), String(places)).to.throw(places === 1.5 || Number.isNaN(places) ? TypeError : RangeError);
    }
    expect(() => scaleDecimal('1', 100)).not.to.throw();
    expect(() => scaleDecimal('12a', 2)).to.throw(TypeError, '"12a"');
    expect(() => unscaleDecimal('', 2)).to.throw(TypeError);
  });
});

describe('decimalToNumber', () => {
  it('gives the nearest number, rounding where it must', () => {
    expect(decimalToNumber('1234.56')).to.equal(1234.56);
    expect(decimalToNumber('-0.005')).to.equal(-0.005);
    expect(decimalToNumber('007')).to.equal(7);
    expect(decimalToNumber('9007199254740993')).to.equal(9007199254740992);
    expect(decimalToNumber(`1${'0'.repeat(400)}`)).to.equal(Infinity);
    expect(() => decimalToNumber('1e3')).to.throw(TypeError);
  });
});
