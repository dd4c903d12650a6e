import { Side } from '../../codecs/index.js';
import type { OrderBook } from './order-book.js';
import type { SimOrder } from './sim-order.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const SIDE_BUY = Side.SIDE_BUY;

/** One prospective trade against a resting order, at the resting order's price. */
export interface Fill {
  /** The resting (passive) order. */
  readonly passive: SimOrder;
  /** Traded size. */
  readonly size: bigint;
}

/** What an incoming order would do against the book. */
export interface MatchPlan {
  /** Trades in execution order (best price first, then time priority). */
  readonly fills: readonly Fill[];
  /** Total traded size. */
  readonly filled: bigint;
  /** Matching stopped at an order of the same party (Vega stops the aggressor there). */
  readonly selfTrade: boolean;
}

/**
 * Plans the matching of an incoming order without changing anything: walks the opposite side
 * from the best price while it crosses `limit` (`null` for a market order), in price-time
 * priority, until `size` is used up or an order of `partyId` itself is reached (wash trade).
 */
export function planMatch(
  book: OrderBook,
  side: Side,
  limit: bigint | null,
  size: bigint,
  partyId: string,
): MatchPlan {
  const levels = book.opposite(side).levels;
  const buy = side === SIDE_BUY;
  const fills: Fill[] = [];
  let left = size;
  let selfTrade = false;
  outer: for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (level === undefined) break;
    if (limit !== null && (buy ? level.price > limit : level.price < limit)) break;
    for (const o of level.orders) {
      if (o.partyId === partyId) {
        selfTrade = true;
        break outer;
      }
      const q = o.remaining < left ? o.remaining : left;
      fills.push({ passive: o, size: q });
      left -= q;
      if (left === 0n) break outer;
    }
  }
  return { fills, filled: size - left, selfTrade };
}

/** True when a limit order at `price` on `side` would trade with anything (its own orders too). */
export function wouldCross(book: OrderBook, side: Side, price: bigint): boolean {
  const best = book.opposite(side).best();
  if (best === undefined) return false;
  return side === SIDE_BUY ? best.price <= price : best.price >= price;
}

/**
 * Executes a plan made by {@link planMatch} on the same, unchanged book: reduces the passive
 * orders' remaining sizes and removes the filled ones (always at the head of the best level).
 */
export function applyFills(book: OrderBook, side: Side, plan: MatchPlan): void {
  const opp = book.opposite(side);
  for (const fill of plan.fills) {
    const level = opp.best();
    if (level === undefined || level.price !== fill.passive.price) throw new Error('book changed since the plan');
    fill.passive.remaining -= fill.size;
    level.volume -= fill.size;
    if (fill.passive.remaining === 0n) {
      if (level.orders[0] !== fill.passive) throw new Error('book changed since the plan');
      level.orders.shift();
      if (level.orders.length === 0) opp.levels.pop();
    }
  }
}
