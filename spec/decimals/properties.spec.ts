import { expect } from 'chai';
import { seededRandom as seeded } from '../../lib/testing/seeded-random.js';
import { addDecimal, compareDecimal, midDecimal, scaleDecimal, subtractDecimal, unscaleDecimal } from '../../lib/decimals/index.js';

/** A random decimal: integer units (up to 40 digits, often short, sometimes 0) and a scale. */
function randomScaled(next: () => number): { units: bigint; scale: number } {
  const length = next() < 0.3 ? 1 + Math.floor(next() * 3) : 1 + Math.floor(next() * 40);
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(Math.floor(next() * 10));
  const units = BigInt(digits) * (next() < 0.5 ? -1n : 1n);
  return { units, scale: Math.floor(next() * 8) };
}

/** Canonical decimal text of units / 10^scale, written independently of the library. */
function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** The text of a random sample. */
function text(value: { units: bigint; scale: number }): string {
  return decimalText(value.units, value.scale);
}

/** a and b brought to a common scale, as BigInts. */
function aligned(a: { units: bigint; scale: number }, b: { units: bigint; scale: number }): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

describe('decimal properties against BigInt math (seeded)', () => {
  const next = seeded(20240601);
  const samples = Array.from({ length: 3000 }, () => [randomScaled(next), randomScaled(next)] as const);

  it('compareDecimal agrees with BigInt comparison', () => {
    for (const [a, b] of samples) {
      const [x, y] = aligned(a, b);
      const expected = x < y ? -1 : x > y ? 1 : 0;
      expect(Math.sign(compareDecimal(text(a), text(b))), `${text(a)} vs ${text(b)}`).to.equal(expected);
      expect(compareDecimal(text(a), text(a))).to.equal(0);
    }
  });

  it('addDecimal, subtractDecimal and midDecimal agree with BigInt arithmetic', () => {
    for (const [a, b] of samples) {
      const [x, y, scale] = aligned(a, b);
      const at = decimalText;
      expect(addDecimal(text(a), text(b)), `${text(a)} + ${text(b)}`).to.equal(at(x + y, scale));
      expect(subtractDecimal(text(a), text(b)), `${text(a)} - ${text(b)}`).to.equal(at(x - y, scale));
      expect(midDecimal(text(a), text(b)), `mid ${text(a)} ${text(b)}`).to.equal(at((x + y) * 5n, scale + 1));
    }
  });

  it('scaleDecimal agrees with BigInt scaling, and unscaleDecimal inverts it', () => {
    for (const [a] of samples) {
      expect(scaleDecimal(a.units.toString(), a.scale)).to.equal(text(a));
      expect(unscaleDecimal(text(a), a.scale)).to.equal(a.units.toString());
    }
  });
});
