/**
 * Exact integer arithmetic for money, prices and sizes: everything is a bigint in its smallest
 * unit (asset decimals, market price decimals or position decimals). Ratios (fee factors, risk
 * factors, margin scaling factors) are kept as numerator/denominator pairs, never as floats.
 */

const POW10: bigint[] = [];

/** 10^n as a bigint (n >= 0). */
export function pow10(n: number): bigint {
  let v = POW10[n];
  if (v === undefined) {
    v = 10n ** BigInt(n);
    POW10[n] = v;
  }
  return v;
}

/** An exact non-negative rational, e.g. a fee factor `0.0002` = 2/10000. */
export interface Ratio {
  /** Numerator. */
  readonly num: bigint;
  /** Denominator (> 0). */
  readonly den: bigint;
  /** The decimal text it was parsed from, as emitted in events (e.g. `"0.0002"`). */
  readonly text: string;
}

/** Parses a non-negative decimal string (`"0.0002"`, `"1.2"`, `"5"`) into an exact {@link Ratio}. */
export function ratio(text: string): Ratio {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a non-negative decimal: ${text}`);
  const frac = m[2] ?? '';
  return { num: BigInt((m[1] as string) + frac), den: pow10(frac.length), text };
}

/**
 * Converts a human decimal (`"60000.5"`) to integer units with `dp` decimals (`6000050000n` for
 * dp 5). Throws if the text has more decimals than `dp`.
 */
export function toUnits(text: string, dp: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  if (frac.length > dp) throw new Error(`${text} has more than ${dp} decimals`);
  const v = BigInt((m[2] as string) + frac.padEnd(dp, '0'));
  return m[1] === '-' ? -v : v;
}

/** Floor of a / b for b > 0 (bigint division truncates toward zero). */
export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

/** Ceiling of a / b for b > 0. */
export function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a > 0n && q * b !== a ? q + 1n : q;
}

/** floor(x * r) for x >= 0. */
export function mulFloor(x: bigint, r: Ratio): bigint {
  return (x * r.num) / r.den;
}

/** ceil(x * r) for x >= 0. */
export function mulCeil(x: bigint, r: Ratio): bigint {
  return divCeil(x * r.num, r.den);
}

/** |x|. */
export function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** The smaller of two bigints. */
export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** The larger of two bigints. */
export function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/**
 * A bigint ratio a/b as a decimal string with `digits` fractional digits, truncated, trailing
 * zeros dropped (`"0.25"`, `"1"`), for decimal-string fields such as vote weights.
 */
export function ratioText(a: bigint, b: bigint, digits: number): string {
  if (b === 0n) return '0';
  const scaled = (a * pow10(digits)) / b;
  const s = scaled.toString().padStart(digits + 1, '0');
  const int = s.slice(0, s.length - digits);
  const frac = s.slice(s.length - digits).replace(/0+$/, '');
  return frac.length > 0 ? `${int}.${frac}` : int;
}
