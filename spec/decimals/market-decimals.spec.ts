import { expect } from 'chai';
import type { Market } from '../../lib/codecs/index.js';
import { marketDecimals } from '../../lib/decimals/index.js';

describe('marketDecimals', () => {
  it('scales prices, sizes and amounts of a decoded market (uint64/int64 strings)', () => {
    const market: Pick<Market, 'decimalPlaces' | 'positionDecimalPlaces'> = { decimalPlaces: '2', positionDecimalPlaces: '3' };
    const d = marketDecimals(market, '18');
    expect(d.price('123456')).to.equal('1234.56');
    expect(d.size('1500')).to.equal('1.5');
    expect(d.amount('1234500000000000000000')).to.equal('1234.5');
    expect(d.amount('-1')).to.equal('-0.000000000000000001');
    expect(d.priceNumber('123456')).to.equal(1234.56);
    expect(d.sizeNumber('1500')).to.equal(1.5);
    expect(d.amountNumber('1234500000000000000000')).to.equal(1234.5);
    expect([d.decimalPlaces, d.positionDecimalPlaces, d.assetDecimals]).to.deep.equal([2, 3, 18]);
  });

  it('accepts numbers, and zero places', () => {
    const d = marketDecimals({ decimalPlaces: 0, positionDecimalPlaces: 0 }, 0);
    expect(d.price('42')).to.equal('42');
    expect(d.size('-7')).to.equal('-7');
    expect(d.amount('0')).to.equal('0');
  });

  it('scales sizes up for negative position decimal places', () => {
    const d = marketDecimals({ decimalPlaces: '5', positionDecimalPlaces: '-2' });
    expect(d.size('15')).to.equal('1500');
    expect(d.size('-3')).to.equal('-300');
    expect(d.sizeNumber('15')).to.equal(1500);
    expect(d.price('1')).to.equal('0.00001');
  });

  it('explains that amounts need the asset decimals', () => {
    const d = marketDecimals({ decimalPlaces: '2', positionDecimalPlaces: '0' });
    expect(d.assetDecimals).to.equal(undefined);
    expect(() => d.amount('1')).to.throw(TypeError, /needs the settlement asset's decimals/);
    expect(() => d.amountNumber('1')).to.throw(TypeError, /second argument/);
  });

  it('rejects places that are not integers in range, at once', () => {
    expect(() => marketDecimals({ decimalPlaces: '-1', positionDecimalPlaces: '0' })).to.throw(RangeError, /decimalPlaces/);
    expect(() => marketDecimals({ decimalPlaces: '2', positionDecimalPlaces: '-101' })).to.throw(RangeError, /positionDecimalPlaces/);
    expect(() => marketDecimals({ decimalPlaces: '18446744073709551615', positionDecimalPlaces: '0' })).to.throw(RangeError);
    expect(() => marketDecimals({ decimalPlaces: 'two', positionDecimalPlaces: '0' })).to.throw(TypeError, /"two"/);
    expect(() => marketDecimals({ decimalPlaces: 2.5, positionDecimalPlaces: '0' })).to.throw(TypeError);
    expect(() => marketDecimals({ decimalPlaces: '2', positionDecimalPlaces: '0' }, '1.5')).to.throw(TypeError, /assetDecimals/);
  });

  it('rejects a raw value that is not a decimal', () => {
    expect(() => marketDecimals({ decimalPlaces: 2, positionDecimalPlaces: 0 }).price('1e5')).to.throw(TypeError, '"1e5"');
  });
});
