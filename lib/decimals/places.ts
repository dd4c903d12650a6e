import { describeValue } from './describe.js';

/** Most decimal places a scaling accepts, either way. */
export const MAX_DECIMAL_PLACES = 100;

/**
 * A count of decimal places as a number, checked: an integer (a number, or a string of digits as
 * uint64/int64 fields decode) from `min` to {@link MAX_DECIMAL_PLACES}.
 *
 * @param what names the value in errors, e.g. "scaleDecimal: places".
 * @throws TypeError when it is not an integer; RangeError when it is out of range.
 */
export function checkPlaces(what: string, places: unknown, min: number): number {
  const n = typeof places === 'number' ? places : typeof places === 'string' && /^[+-]?\d+$/.test(places) ? Number(places) : NaN;
  if (Number.isNaN(n) || (Number.isFinite(n) && !Number.isInteger(n))) {
    throw new TypeError(`${what} must be an integer, got ${describeValue(places)}.`);
  }
  if (n < min || n > MAX_DECIMAL_PLACES) {
    throw new RangeError(`${what} must be from ${min} to ${MAX_DECIMAL_PLACES}, got ${describeValue(places)}.`);
  }
  return n;
}
