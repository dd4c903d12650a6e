import { canonicalDecimal } from './canonical.js';
import { fromScaled, rescale, toScaled } from './scaled.js';

/**
 * Longest canonical integer string (sign included) added as a JS number: below 10^15, so sums,
 * differences and halves stay exact far from 2^53.
 */
const SMALL_INTEGER_LENGTH = 15;

/** True for two canonical integers short enough for exact number arithmetic. */
function smallIntegers(a: string, b: string): boolean {
  return a.length <= SMALL_INTEGER_LENGTH && b.length <= SMALL_INTEGER_LENGTH && a.indexOf('.') < 0 && b.indexOf('.') < 0;
}

/**
 * The value of a canonical integer string of at most {@link SMALL_INTEGER_LENGTH} characters, in
 * one scan; NaN for anything else (which then takes the general path). The hot path of books.
 */
function smallInteger(s: string): number {
  const n = s.length;
  if (n === 0 || n > SMALL_INTEGER_LENGTH) return NaN;
  const negative = s.charCodeAt(0) === 45; // '-'
  let i = negative ? 1 : 0;
  if (i === n || (s.charCodeAt(i) === 48 && n > i + 1) || (negative && s.charCodeAt(1) === 48)) return NaN; // "-", "07", "-0"
  let value = 0;
  for (; i < n; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** a + b, exactly, as a canonical decimal string. @throws TypeError for a non-decimal input. */
export function addDecimal(a: string, b: string): string {
  const x0 = smallInteger(a);
  const y0 = smallInteger(b);
  if (x0 === x0 && y0 === y0) return String(x0 + y0);
  const ca = canonicalDecimal(a);
  const cb = canonicalDecimal(b);
  if (smallIntegers(ca, cb)) return String(Number(ca) + Number(cb));
  const x = toScaled(ca);
  const y = toScaled(cb);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) + rescale(y, scale), scale);
}

/** a - b, exactly, as a canonical decimal string. @throws TypeError for a non-decimal input. */
export function subtractDecimal(a: string, b: string): string {
  const x0 = smallInteger(a);
  const y0 = smallInteger(b);
  if (x0 === x0 && y0 === y0) return String(x0 - y0);
  const ca = canonicalDecimal(a);
  const cb = canonicalDecimal(b);
  if (smallIntegers(ca, cb)) return String(Number(ca) - Number(cb));
  const x = toScaled(ca);
  const y = toScaled(cb);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) - rescale(y, scale), scale);
}

/**
 * (a + b) / 2, exactly, as a canonical decimal string: it has at most one fraction digit more
 * than the longer input ("1" and "2" → "1.5"). @throws TypeError for a non-decimal input.
 */
export function midDecimal(a: string, b: string): string {
  const x0 = smallInteger(a);
  const y0 = smallInteger(b);
  if (x0 === x0 && y0 === y0) return String((x0 + y0) / 2);
  const ca = canonicalDecimal(a);
  const cb = canonicalDecimal(b);
  // Halving a number below 2·10^15 is exact and prints exactly (k or k.5).
  if (smallIntegers(ca, cb)) return String((Number(ca) + Number(cb)) / 2);
  const x = toScaled(ca);
  const y = toScaled(cb);
  const scale = Math.max(x.scale, y.scale);
  const sum = rescale(x, scale) + rescale(y, scale);
  return sum % 2n === 0n ? fromScaled(sum / 2n, scale) : fromScaled(sum * 5n, scale + 1);
}
