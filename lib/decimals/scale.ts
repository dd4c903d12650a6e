import { canonicalDecimal } from './canonical.js';
import { describeValue } from './describe.js';
import { checkPlaces } from './places.js';
import { padFraction, shiftDecimal } from './shift.js';

/** Options of {@link scaleDecimal}. */
export interface ScaleDecimalOptions {
  /**
   * Keep `places` fraction digits, padding with zeros ("100", 2 → "1.00"), for aligned display.
   * A fractional raw value whose exact result needs more digits keeps them all: never rounds.
   */
  readonly fixed?: boolean;
}

/**
 * A node value in integer smallest units as a human decimal: raw / 10^places, exactly.
 * ("123456", 2) → "1234.56", ("-5", 3) → "-0.005", ("100", 2) → "1". A fractional raw value
 * works too. The result is canonical unless `fixed` pads it.
 *
 * @param places an integer from 0 to 100.
 * @throws TypeError for a raw value that is not a decimal number; RangeError for bad places.
 */
export function scaleDecimal(raw: string, places: number, options?: ScaleDecimalOptions): string {
  const n = checkPlaces('scaleDecimal: places', places, 0);
  const scaled = shiftDecimal(canonicalDecimal(raw), -n);
  return options?.fixed ? padFraction(scaled, n) : scaled;
}

/**
 * The inverse of {@link scaleDecimal}: a human decimal as an integer string in smallest units,
 * human × 10^places. ("1234.56", 2) → "123456", ("1.5", 3) → "1500".
 *
 * @param places an integer from 0 to 100.
 * @throws RangeError when the value has more fraction digits than `places` (it is never rounded),
 * or for bad places; TypeError for a value that is not a decimal number.
 */
export function unscaleDecimal(human: string, places: number): string {
  const n = checkPlaces('unscaleDecimal: places', places, 0);
  const c = canonicalDecimal(human);
  const dot = c.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : c.length - dot - 1;
  if (fractionDigits > n) {
    throw new RangeError(
      `unscaleDecimal: ${describeValue(human)} has ${fractionDigits} fraction digits, more than the ${n} decimal places; ` +
        'it is not a whole number of smallest units, and it is not rounded.',
    );
  }
  return shiftDecimal(c, n);
}
