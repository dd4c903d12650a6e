import { canonicalDecimal } from './canonical.js';

/** A decimal as an integer count of units and a count of fraction digits: value = units / 10^scale. */
export interface Scaled {
  /** The value times 10^scale, exactly. */
  readonly units: bigint;
  /** How many fraction digits `units` carries (0 or more). */
  readonly scale: number;
}

/** A decimal string as {@link Scaled}. @throws TypeError when it is not a decimal number. */
export function toScaled(s: string): Scaled {
  const c = canonicalDecimal(s);
  const dot = c.indexOf('.');
  if (dot < 0) return { units: BigInt(c), scale: 0 };
  return { units: BigInt(c.slice(0, dot) + c.slice(dot + 1)), scale: c.length - dot - 1 };
}

/** `units` at `scale` raised to scale `to` (not lower than `scale`). */
export function rescale(value: Scaled, to: number): bigint {
  return to === value.scale ? value.units : value.units * 10n ** BigInt(to - value.scale);
}

/** The canonical decimal string of units / 10^scale (scale 0 or more). */
export function fromScaled(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  let end = digits.length;
  while (scale > 0 && digits.charCodeAt(end - 1) === 48) {
    end--;
    scale--;
  }
  digits = digits.slice(0, end);
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}
