import { Side } from '../../codecs/index.js';
import type { SimOrder } from './sim-order.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const SIDE_BUY = Side.SIDE_BUY;
const SIDE_SELL = Side.SIDE_SELL;

/** All resting orders at one price, oldest first (time priority). */
export class PriceLevel {
  /** Orders in time priority. */
  readonly orders: SimOrder[] = [];
  /** Sum of the orders' remaining sizes. */
  volume = 0n;

  constructor(
    /** The level's price, in price units. */
    readonly price: bigint,
  ) {}
}

/**
 * One side of a book: price levels sorted WORST first, so the best level is the last element
 * (cheap to reach, and new orders near the touch shift few elements).
 */
export class BookSide {
  /** Levels, worst price first, best price last. */
  readonly levels: PriceLevel[] = [];

  constructor(
    /** Which side this is. */
    readonly side: Side,
  ) {}

  /** True when price a ranks strictly worse than price b on this side. */
  private worse(a: bigint, b: bigint): boolean {
    return this.side === SIDE_BUY ? a < b : a > b;
  }

  /** Index of the level at `price`, or the bitwise complement of its insertion point. */
  private search(price: bigint): number {
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = (levels[mid] as PriceLevel).price;
      if (p === price) return mid;
      if (this.worse(p, price)) lo = mid + 1;
      else hi = mid;
    }
    return ~lo;
  }

  /** The level at `price`, if any. */
  level(price: bigint): PriceLevel | undefined {
    const i = this.search(price);
    return i >= 0 ? this.levels[i] : undefined;
  }

  /** The best level, if any. */
  best(): PriceLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  /** Appends `order` at the back of its price level (creating the level if needed). */
  add(order: SimOrder): void {
    let i = this.search(order.price);
    let level: PriceLevel;
    if (i < 0) {
      i = ~i;
      level = new PriceLevel(order.price);
      this.levels.splice(i, 0, level);
    } else {
      level = this.levels[i] as PriceLevel;
    }
    level.orders.push(order);
    level.volume += order.remaining;
  }

  /** Removes `order` (at its current price and remaining) from the side. */
  remove(order: SimOrder): void {
    const i = this.search(order.price);
    const level = i >= 0 ? this.levels[i] : undefined;
    const at = level === undefined ? -1 : level.orders.indexOf(order);
    if (level === undefined || at < 0) throw new Error(`order ${order.id} is not on the book`);
    level.orders.splice(at, 1);
    level.volume -= order.remaining;
    if (level.orders.length === 0) this.levels.splice(i, 1);
  }

  /** Changes a resting order's remaining in place (keeps its time priority). */
  resize(order: SimOrder, remaining: bigint): void {
    const level = this.level(order.price);
    if (level === undefined) throw new Error(`order ${order.id} is not on the book`);
    level.volume += remaining - order.remaining;
    order.remaining = remaining;
  }

  /** Number of resting orders on this side. */
  orderCount(): number {
    let n = 0;
    for (const l of this.levels) n += l.orders.length;
    return n;
  }
}

/** A limit order book: bids and asks. */
export class OrderBook {
  /** Buy side. */
  readonly bids = new BookSide(SIDE_BUY);
  /** Sell side. */
  readonly asks = new BookSide(SIDE_SELL);

  /** The side orders of `side` rest on. */
  sideOf(side: Side): BookSide {
    return side === SIDE_BUY ? this.bids : this.asks;
  }

  /** The side orders of `side` trade against. */
  opposite(side: Side): BookSide {
    return side === SIDE_BUY ? this.asks : this.bids;
  }

  /** True when the best bid is at or above the best ask. */
  isCrossed(): boolean {
    const b = this.bids.best();
    const a = this.asks.best();
    return b !== undefined && a !== undefined && b.price >= a.price;
  }
}
