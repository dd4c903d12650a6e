/**
 * The number of fraction digits a division keeps, as shopspring/decimal's `DivisionPrecision`
 * (the Go decimal library the real data node computes positions with).
 */
export const DIVISION_PRECISION = 16;

const POW10: bigint[] = Array.from({ length: 81 }, (_, k) => 10n ** BigInt(k));

/** `10^k` as a bigint (cached for k <= 80). */
function pow10(k: number): bigint {
  return POW10[k] ?? 10n ** BigInt(k);
}

/** 10^k -> k for k up to 40 (the divisors {@link Decimal.div} shortcuts). */
const POWERS_OF_TEN = new Map<bigint, number>(POW10.slice(0, 41).map((p, k) => [p, k]));

const PLAIN_INTEGER = /^(?:0|-?[1-9]\d*)$/;
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * An exact decimal number, `coefficient / 10^scale`, on bigints (never a float).
 *
 * It mirrors what the real data node does with shopspring/decimal: addition, subtraction and
 * multiplication are exact; division keeps {@link DIVISION_PRECISION} fraction digits, rounded half
 * away from zero; {@link Decimal.round} rounds to an integer half away from zero (`Round(0)`), and
 * {@link Decimal.toString} prints without trailing zeros (`String()`).
 */
export class Decimal {
  /** Zero. */
  static readonly ZERO = new Decimal(0n, 0);

  private constructor(
    /** The value times `10^scale`. */
    readonly coefficient: bigint,
    /** How many fraction digits `coefficient` holds (>= 0). */
    readonly scale: number,
  ) {}

  /** The decimal of an integer. */
  static of(value: bigint | number): Decimal {
    return new Decimal(BigInt(value), 0);
  }

  /** `10^exponent` (exponent may be negative). */
  static pow10(exponent: number): Decimal {
    return exponent >= 0 ? new Decimal(pow10(exponent), 0) : new Decimal(1n, -exponent);
  }

  /**
   * Parses a decimal string (`"-12.5"`, `"100"`, `"1e3"`). Like the data node, which ignores the
   * error of `decimal.NewFromString`, an empty or malformed string is zero.
   */
  static parse(text: string): Decimal {
    if (PLAIN_INTEGER.test(text)) return new Decimal(BigInt(text), 0); // the common case, same value
    const match = DECIMAL_RE.exec(text.trim());
    if (!match) return Decimal.ZERO;
    const [, sign = '', int = '', frac = '', exp = '0'] = match;
    if (int === '' && frac === '') return Decimal.ZERO;
    let coefficient = BigInt(`${int}${frac}` || '0');
    if (sign === '-') coefficient = -coefficient;
    let scale = frac.length - Number(exp);
    if (scale < 0) {
      coefficient *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(coefficient, scale);
  }

  /** Sum. */
  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.at(scale) + other.at(scale), scale);
  }

  /** Difference. */
  sub(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.at(scale) - other.at(scale), scale);
  }

  /** Product (exact). */
  mul(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.scale + other.scale);
  }

  /** Quotient with `precision` fraction digits, rounded half away from zero; throws on division by zero. */
  div(other: Decimal, precision = DIVISION_PRECISION): Decimal {
    if (other.coefficient === 0n) throw new RangeError('decimal division by zero');
    const tens = POWERS_OF_TEN.get(other.coefficient);
    if (tens !== undefined) {
      // dividing by a power of ten (a position factor) only moves the decimal point
      const scale = this.scale + tens - other.scale;
      if (scale < 0) return new Decimal(this.coefficient * pow10(-scale), 0);
      if (scale <= precision) return new Decimal(this.coefficient, scale);
      return new Decimal(divRoundHalfAway(this.coefficient, pow10(scale - precision)), precision);
    }
    // this / other = (a / 10^sa) / (b / 10^sb); scaled by 10^precision:
    // q = a * 10^(sb + precision) / (b * 10^sa), with the common powers of ten cancelled (the
    // rounded quotient depends only on the ratio, and smaller operands divide faster)
    const shift = other.scale + precision - this.scale;
    let numerator = shift > 0 ? this.coefficient * pow10(shift) : this.coefficient;
    let denominator = shift < 0 ? other.coefficient * pow10(-shift) : other.coefficient;
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    return new Decimal(divRoundHalfAway(numerator, denominator), precision);
  }

  /** The negation. */
  neg(): Decimal {
    return new Decimal(-this.coefficient, this.scale);
  }

  /** True when zero. */
  isZero(): boolean {
    return this.coefficient === 0n;
  }

  /** True when below zero. */
  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  /** -1, 0 or 1 as this is below, equal to or above `other`. */
  cmp(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.at(scale);
    const b = other.at(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** The nearest integer, halves away from zero (shopspring `Round(0)`). */
  round(): bigint {
    if (this.scale === 0) return this.coefficient;
    return divRoundHalfAway(this.coefficient, pow10(this.scale));
  }

  /** The integer part, truncated toward zero (`num.UintFromDecimal` on a non-negative value). */
  truncate(): bigint {
    return this.coefficient / pow10(this.scale);
  }

  /** Plain decimal notation without trailing fraction zeros: `"1.5"`, `"-3"`, `"0"`. */
  toString(): string {
    let coefficient = this.coefficient;
    let scale = this.scale;
    while (scale > 0 && coefficient % 10n === 0n) {
      coefficient /= 10n;
      scale -= 1;
    }
    if (scale === 0) return coefficient.toString();
    const negative = coefficient < 0n;
    const digits = (negative ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
    const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    return negative ? `-${text}` : text;
  }

  /** The coefficient at a scale >= this one. */
  private at(scale: number): bigint {
    return scale === this.scale ? this.coefficient : this.coefficient * pow10(scale - this.scale);
  }
}

/** `numerator / denominator` (denominator > 0) rounded to an integer, halves away from zero. */
function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= denominator) return numerator < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** Normalises a decimal string the way the data node re-prints stored decimals (`"1.50"` -> `"1.5"`, `""` -> `"0"`). */
export function normaliseDecimal(text: string): string {
  if (text === '') return '0';
  if (PLAIN_INTEGER.test(text)) return text;
  return Decimal.parse(text).toString();
}
