import { expect } from 'chai';
import { BookSide, integerPriceKey } from '../../lib/book/book-side.js';
import { seededRandom } from '../../lib/testing/index.js';

/** Reference: a plain map sorted with exact rational comparison (prices scaled to BigInt). */
function reference(entries: Map<string, string>, side: 'buy' | 'sell'): string[] {
  const scaled = (p: string) => {
    const [int, frac = ''] = p.split('.');
    return BigInt(int + frac.padEnd(8, '0'));
  };
  return [...entries.entries()]
    .sort(([a], [b]) => {
      const d = scaled(a) - scaled(b);
      const order = d < 0n ? -1 : d > 0n ? 1 : 0;
      return side === 'buy' ? -order : order;
    })
    .map(([p, v]) => `${p}:${v}`);
}

describe('book: BookSide', () => {
  it('integerPriceKey gives exact keys for canonical integers of up to 15 digits only', () => {
    expect(integerPriceKey('0')).to.equal(0);
    expect(integerPriceKey('999999999999999')).to.equal(999999999999999);
    for (const other of ['', '01', '1.5', '-3', '1234567890123456', '1e5', ' 1']) expect(integerPriceKey(other)).to.be.NaN;
  });

  for (const [name, pool] of [
    ['integer prices (numeric keys)', (r: () => number) => String(1_000_000 + Math.floor(r() * 500))],
    ['prices beyond 2^53 and fractions (exact strings)', (r: () => number) =>
      r() < 0.3 ? `9007199254740${990 + Math.floor(r() * 20)}` : r() < 0.5 ? `12.${1 + Math.floor(r() * 9)}` : String(100 + Math.floor(r() * 50))],
  ] as const) {
    for (const side of ['buy', 'sell'] as const) {
      it(`keeps ${side} levels sorted and exact over random updates: ${name}`, () => {
        const random = seededRandom(side === 'buy' ? 7 : 8);
        const book = new BookSide(side);
        const truth = new Map<string, string>();
        for (let i = 0; i < 5_000; i++) {
          const price = pool(random);
          const volume = random() < 0.25 ? '0' : String(1 + Math.floor(random() * 1_000));
          book.set(price, volume, '1');
          if (volume === '0') truth.delete(price);
          else truth.set(price, volume);
          if (i % 500 === 0 || i === 4_999) {
            expect(book.snapshot().map((l) => `${l.price}:${l.volume}`)).to.deep.equal(reference(truth, side));
          }
        }
        expect(book.size).to.equal(truth.size);
      });
    }
  }

  it('treats a non-canonical price as its canonical form', () => {
    const book = new BookSide('sell');
    book.set('100', '5', '1');
    book.set('100.0', '7', '2');
    book.set('0101', '1', '1');
    expect(book.snapshot().map((l) => `${l.price}:${l.volume}`)).to.deep.equal(['100:7', '101:1']);
    book.set('100.00', '0', '0');
    expect(book.snapshot().map((l) => l.price)).to.deep.equal(['101']);
  });

  it('refuses a price that is not a decimal with a TypeError naming it', () => {
    expect(() => new BookSide('buy').set('1e5', '1', '1')).to.throw(TypeError, /1e5/);
  });
});
