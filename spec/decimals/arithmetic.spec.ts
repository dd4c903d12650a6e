import { expect } from 'chai';
import { addDecimal, midDecimal, subtractDecimal } from '../../lib/decimals/index.js';

const BIG = '123456789012345678901234567890'; // far beyond 2^53

describe('addDecimal / subtractDecimal / midDecimal', () => {
  // a, b, a + b, a - b, (a + b) / 2
  const cases: ReadonlyArray<readonly [string, string, string, string, string]> = [
    ['0', '0', '0', '0', '0'],
    ['1', '2', '3', '-1', '1.5'],
    ['-1', '1', '0', '-2', '0'],
    ['-1', '0', '-1', '-1', '-0.5'],
    ['-3', '-4', '-7', '1', '-3.5'],
    ['1.5', '2.5', '4', '-1', '2'],
    ['0.1', '0.2', '0.3', '-0.1', '0.15'],
    ['1.05', '-0.05', '1', '1.1', '0.5'],
    ['100', '0.01', '100.01', '99.99', '50.005'],
    ['999999999999999', '1', '1000000000000000', '999999999999998', '500000000000000'],
    ['9007199254740993', '1', '9007199254740994', '9007199254740992', '4503599627370497'],
    [BIG, '1', '123456789012345678901234567891', '123456789012345678901234567889', '61728394506172839450617283945.5'],
    [BIG, `-${BIG}`, '0', '246913578024691357802469135780', '0'],
    [`${BIG}.5`, '0.5', '123456789012345678901234567891', BIG, '61728394506172839450617283945.5'],
    ['-0.000000000000000000001', '0.000000000000000000003', '0.000000000000000000002', '-0.000000000000000000004', '0.000000000000000000001'],
    ['0.3', '0.4', '0.7', '-0.1', '0.35'],
    ['0.1', '0.2', '0.3', '-0.1', '0.15'],
  ];
  for (const [a, b, sum, difference, mid] of cases) {
    it(`${a} and ${b}`, () => {
      expect(addDecimal(a, b), 'add').to.equal(sum);
      expect(addDecimal(b, a), 'add commutes').to.equal(sum);
      expect(subtractDecimal(a, b), 'subtract').to.equal(difference);
      expect(midDecimal(a, b), 'mid').to.equal(mid);
      expect(midDecimal(b, a), 'mid commutes').to.equal(mid);
    });
  }

  it('accepts non-canonical inputs and returns canonical results', () => {
    expect(addDecimal('007', '1.50')).to.equal('8.5');
    expect(subtractDecimal('-0', '+2.000')).to.equal('-2');
    expect(midDecimal('1.', '.5')).to.equal('0.75');
  });

  it('rejects a non-decimal input with a TypeError naming it', () => {
    expect(() => addDecimal('1', '1e3')).to.throw(TypeError, '"1e3"');
    expect(() => subtractDecimal('', '1')).to.throw(TypeError, '""');
    expect(() => midDecimal('x', '1')).to.throw(TypeError, '"x"');
  });
});
