import { describeValue } from './describe.js';

/**
 * The accepted decimal grammar: optional sign, digits, optional point and digits. At least one
 * digit overall; no exponent, no whitespace, no digit separators.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * True when `s` is a decimal string in canonical form: an optional '-', integer digits without
 * leading zeros (a lone "0" allowed), and optionally a '.' and fraction digits without trailing
 * zeros; never "-0". Allocates nothing.
 */
export function isCanonicalDecimal(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const negative = i === 1;
  let c = s.charCodeAt(i); // NaN past the end
  if (c === 48) {
    i++; // a leading '0' is the whole integer part
  } else if (c >= 49 && c <= 57) {
    i++;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else {
    return false;
  }
  if (i === n) return !(negative && s.charCodeAt(1) === 48); // "-0" is not canonical
  if (s.charCodeAt(i) !== 46) return false; // '.'
  if (++i === n) return false; // "1."
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.charCodeAt(n - 1) !== 48; // no trailing fraction zero
}

/** The canonical form of an accepted decimal string, or undefined when `s` is not one. */
function normalize(s: string): string | undefined {
  const match = DECIMAL.exec(s);
  if (!match) return undefined;
  const [, sign = '', intDigits = '', fracDigits = ''] = match;
  if (intDigits === '' && fracDigits === '') return undefined;
  let start = 0;
  while (start < intDigits.length - 1 && intDigits.charCodeAt(start) === 48) start++;
  let end = fracDigits.length;
  while (end > 0 && fracDigits.charCodeAt(end - 1) === 48) end--;
  const int = intDigits === '' ? '0' : intDigits.slice(start);
  const body = end === 0 ? int : `${int}.${fracDigits.slice(0, end)}`;
  return sign === '-' && body !== '0' ? `-${body}` : body;
}

/**
 * The canonical form of a decimal string (see {@link isCanonicalDecimal}): `s` itself when it
 * already is canonical (checked without allocating), otherwise normalized: "007" → "7",
 * "1.50" → "1.5", "-0" → "0", "+3" → "3", "1." → "1", ".5" → "0.5".
 *
 * @throws TypeError naming the value when it is not a decimal number (empty, ".", exponents,
 * whitespace, anything but a string).
 */
export function canonicalDecimal(s: string): string {
  if (typeof s === 'string') {
    if (isCanonicalDecimal(s)) return s;
    const normal = normalize(s);
    if (normal !== undefined) return normal;
  }
  throw new TypeError(`Not a decimal number: ${describeValue(s)} (expected digits with an optional sign and fraction, like "-12.5").`);
}

/**
 * True when `s` is a string that {@link canonicalDecimal} accepts: an optional sign, digits and an
 * optional fraction ("12", "-0.5", "007", "+1.50", "1.", ".5"); no exponent or whitespace.
 */
export function isDecimalString(s: unknown): boolean {
  return typeof s === 'string' && (isCanonicalDecimal(s) || normalize(s) !== undefined);
}
