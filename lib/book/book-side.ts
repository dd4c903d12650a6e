import type { PriceLevel } from '../codecs/index.js';
import { canonicalDecimal, compareDecimal } from '../decimals/index.js';

/** A price level as the book keeps it: price, volume and order count, as exact strings. */
export interface BookLevel {
  /** The price, a canonical decimal string in market units. */
  readonly price: string;
  /** Total volume at the price, an integer string (never "0" in a book). */
  readonly volume: string;
  /** How many orders make up the volume, an integer string. */
  readonly numberOfOrders: string;
}

/** Which side of the book: bids sort best (highest) first, asks lowest first. */
export type BookSideName = 'buy' | 'sell';

/**
 * The exact value of a price that is a canonical non-negative integer of at most 15 digits
 * (every such number is exact as a double), or NaN for any other price. Vega prices are
 * integers in market units, so this is the common case and lets the book search numbers.
 */
export function integerPriceKey(price: string): number {
  const length = price.length;
  if (length === 0 || length > 15) return NaN;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = price.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (digit === 0 && i === 0 && length > 1)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Write the canonical form and key of `price` into `prices[at]` and `keys[at]` (arrays reused by
 * the caller, so the hot path allocates nothing). Throws a TypeError naming a price that is not
 * a decimal string. Integer prices, the usual case, cost one scan.
 */
export function parsePrice(price: string, prices: string[], keys: number[], at: number): void {
  let key = integerPriceKey(price);
  if (key !== key) {
    price = canonicalDecimal(price); // throws for a non-decimal; "100.0" is the integer 100
    key = integerPriceKey(price);
  }
  prices[at] = price;
  keys[at] = key;
}

/**
 * One side of an order book: levels kept sorted best first and found by binary search. Prices
 * can exceed 2^53 or be fractional, so they are never turned into inexact numbers: while every
 * price on the side is an integer of at most 15 digits, the search compares exact numeric keys
 * kept beside the levels; as soon as one is not, the side compares decimal strings exactly.
 * Levels are immutable objects; an update replaces a level, so a copy of the array taken
 * earlier (a view already emitted) never changes under its reader.
 */
export class BookSide {
  private levels: BookLevel[] = [];
  /** Numeric search keys (price, negated for bids so that keys ascend), while `numeric`. */
  private keys: number[] = [];
  /** True while every price on the side has an integer key. */
  private numeric = true;
  /** +1 when better prices are higher (bids), -1 when lower (asks). */
  private readonly direction: number;

  constructor(
    /** Bids (`buy`) or asks (`sell`). */
    readonly side: BookSideName,
  ) {
    this.direction = side === 'buy' ? 1 : -1;
  }

  /** The number of levels. */
  get size(): number {
    return this.levels.length;
  }

  /** The best level, if any. */
  best(): BookLevel | undefined {
    return this.levels[0];
  }

  /** A copy of the levels, best first, at most `depth` of them. */
  snapshot(depth = Infinity): BookLevel[] {
    return depth < this.levels.length ? this.levels.slice(0, depth) : this.levels.slice();
  }

  /** Remove every level. */
  clear(): void {
    this.levels = [];
    this.keys = [];
    this.numeric = true;
  }

  /**
   * Set a level to an absolute volume and order count, as a depth update does: a level with
   * volume "0" is removed, a new price is inserted in order, an existing one is replaced.
   * Throws a TypeError for a price that is not a decimal string.
   */
  set(price: string, volume: string, numberOfOrders: string): void {
    parsePrice(price, SCRATCH_PRICES, SCRATCH_KEYS, 0);
    this.setParsed(SCRATCH_PRICES[0] as string, SCRATCH_KEYS[0] as number, volume, numberOfOrders);
  }

  /**
   * Apply levels whose prices were parsed beforehand (canonical form and numeric key each, as the book parses them before any change), `prices[from + i]`
   * and `keys[from + i]` for `levels[i]`: absolute values, the last of a repeated price wins.
   */
  applyParsed(levels: readonly PriceLevel[], prices: readonly string[], keys: readonly number[], from: number): void {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as PriceLevel;
      this.setParsed(prices[from + i] as string, keys[from + i] as number, level.volume, level.numberOfOrders);
    }
  }

  private setParsed(price: string, key: number, volume: string, numberOfOrders: string): void {
    if (key === key) this.setInteger(price, key * -this.direction, volume, numberOfOrders);
    else this.setDecimal(price, volume, numberOfOrders);
  }

  private setInteger(price: string, key: number, volume: string, numberOfOrders: string): void {
    if (!this.numeric) return this.setDecimal(price, volume, numberOfOrders);
    const keys = this.keys;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((keys[mid] as number) < key) low = mid + 1;
      else high = mid;
    }
    const found = low < keys.length && keys[low] === key;
    if (isZero(volume)) {
      if (found) {
        this.levels.splice(low, 1);
        keys.splice(low, 1);
      }
      return;
    }
    const level: BookLevel = { price, volume, numberOfOrders };
    if (found) {
      this.levels[low] = level;
    } else {
      this.levels.splice(low, 0, level);
      keys.splice(low, 0, key);
    }
  }

  private setDecimal(price: string, volume: string, numberOfOrders: string): void {
    if (this.numeric && !isZero(volume)) {
      this.numeric = false; // a price without an exact numeric key is joining: compare strings from now on
      this.keys = [];
    }
    const levels = this.levels;
    const direction = this.direction;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareDecimal((levels[mid] as BookLevel).price, price) * direction > 0) low = mid + 1;
      else high = mid;
    }
    const found = low < levels.length && (levels[low] as BookLevel).price === price;
    if (isZero(volume)) {
      if (found) {
        levels.splice(low, 1);
        if (this.numeric) this.keys.splice(low, 1);
      }
      return;
    }
    const level: BookLevel = { price, volume, numberOfOrders };
    if (found) levels[low] = level;
    else levels.splice(low, 0, level);
  }
}

const SCRATCH_PRICES: string[] = [];
const SCRATCH_KEYS: number[] = [];

function isZero(volume: string): boolean {
  return volume === '0' || volume === '' || (volume.charCodeAt(0) === 48 && /^0+$/.test(volume));
}
