import { canonicalDecimal } from './canonical.js';

/**
 * A decimal string as the nearest JS number, for callers that want one (charts, ratios). It
 * ROUNDS: beyond 2^53 or past about 16 significant digits the number is not the value, and
 * past about 1.8e308 it is ±Infinity. Keep the string for anything exact.
 *
 * @throws TypeError for a string that is not a decimal number.
 */
export function decimalToNumber(s: string): number {
  return Number(canonicalDecimal(s));
}
