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
 * One side of an order book: levels kept sorted best first, found by binary search with an
 * exact decimal comparison (prices can exceed 2^53, so they are never turned into numbers).
 * Levels are immutable objects; an update replaces a level, so a copy of the array taken
 * earlier (a view already emitted) never changes under its reader.
 */
export class BookSide {
  private levels: BookLevel[] = [];
  /** +1 when better prices are higher (bids), -1 when lower (asks). */
  private readonly direction: number;

  constructor(readonly side: BookSideName) {
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
  }

  /**
   * Set a level to an absolute volume and order count, as a depth update does: a level with
   * volume "0" is removed, a new price is inserted in order, an existing one is replaced.
   */
  set(price: string, volume: string, numberOfOrders: string): void {
    this.setCanonical(canonicalDecimal(price), volume, numberOfOrders);
  }

  /** {@link BookSide.set} for a price already in canonical form (see `canonicalDecimal`). */
  setCanonical(key: string, volume: string, numberOfOrders: string): void {
    const levels = this.levels;
    // Binary search for the first level not better than `key`.
    let low = 0;
    let high = levels.length;
    const direction = this.direction;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareDecimal((levels[mid] as BookLevel).price, key) * direction > 0) low = mid + 1;
      else high = mid;
    }
    const found = low < levels.length && (levels[low] as BookLevel).price === key;
    if (isZero(volume)) {
      if (found) levels.splice(low, 1);
      return;
    }
    const level: BookLevel = { price: key, volume, numberOfOrders };
    if (found) levels[low] = level;
    else levels.splice(low, 0, level);
  }

  /**
   * Apply the levels of a depth update or a full book (absolute values; the last of a repeated
   * price wins), given their prices in canonical form, in the same order.
   */
  applyCanonical(levels: readonly PriceLevel[], prices: readonly string[]): void {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as PriceLevel;
      this.setCanonical(prices[i] as string, level.volume, level.numberOfOrders);
    }
  }
}

function isZero(volume: string): boolean {
  return volume === '0' || volume === '' || (volume.charCodeAt(0) === 48 && /^0+$/.test(volume));
}
