import { expect } from 'chai';
import { compareDecimal } from '../../lib/decimals/index.js';

const BIG = '98765432109876543210987654321'; // far beyond 2^53

describe('compareDecimal', () => {
  // Each pair is a < b.
  const ascending: ReadonlyArray<readonly [string, string]> = [
    ['0', '1'],
    ['9', '10'],
    ['99', '100'],
    ['123', '124'],
    ['-1', '0'],
    ['-10', '-9'],
    ['-1', '1'],
    ['0', '0.1'],
    ['-0.1', '0'],
    ['1', '1.5'],
    ['1.5', '2'],
    ['1.45', '1.5'],
    ['1.05', '1.5'],
    ['-1.5', '-1.45'],
    ['-2', '-1.5'],
    ['-1.5', '-1'],
    ['0.001', '0.01'],
    ['9007199254740992', '9007199254740993'], // equal as numbers
    [BIG, `${BIG}.000000000000000000000001`],
    [`-${BIG}1`, `-${BIG}`],
    [`-${BIG}`, '0'],
    [`${BIG}`, `1${BIG}`],
  ];
  for (const [a, b] of ascending) {
    it(`${a} < ${b}`, () => {
      expect(compareDecimal(a, b)).to.be.lessThan(0);
      expect(compareDecimal(b, a)).to.be.greaterThan(0);
    });
  }

  for (const a of ['0', '5', '-5', '1.25', '-0.001', BIG, `-${BIG}.5`]) {
    it(`${a} = ${a}`, () => {
      expect(compareDecimal(a, a)).to.equal(0);
    });
  }

  it('sorts a mixed list as numbers would (for the exactly representable ones)', () => {
    const values = ['10', '-2.5', '0', '3.14', '-0.5', '2', '100.01', '-100', '0.001', '3.1'];
    const sorted = [...values].sort(compareDecimal);
    expect(sorted).to.deep.equal([...values].sort((x, y) => Number(x) - Number(y)));
  });
});
