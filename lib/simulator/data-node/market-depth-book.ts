import { OrderStatus, Side } from '../../codecs/index.js';
import type { MarketDepth, Order, PriceLevel } from '../../codecs/index.js';

/** One price level of a book; mutable, because a block's change list holds references to it. */
export interface DepthLevel {
  /** The price as an integer (order prices are `num.Uint` in the data node). */
  readonly price: bigint;
  /** {@link price} as text. */
  readonly priceText: string;
  /** Side of the book. */
  readonly side: Side;
  /** Live orders at this price. */
  orders: bigint;
  /** Sum of the live orders' true remaining volume. */
  volume: bigint;
  /**
   * The level as {@link toPriceLevel} printed it, until `orders` or `volume` change: a full book
   * is published for every changed market every block, and most of its levels did not change.
   */
  printed: PriceLevel | undefined;
}

/** What a book remembers of a live order. */
interface LiveOrder {
  side: Side;
  price: bigint;
  /** Remaining plus iceberg reserve (`TrueRemaining`). */
  trueRemaining: bigint;
}

const BUY = Side.SIDE_BUY;
const ACTIVE = OrderStatus.STATUS_ACTIVE;

/** Statuses that take a known order off the book (`entities.MarketDepth.AddOrderUpdate`). */
const LEAVES_BOOK = new Set<OrderStatus>([
  OrderStatus.STATUS_CANCELLED,
  OrderStatus.STATUS_EXPIRED,
  OrderStatus.STATUS_STOPPED,
  OrderStatus.STATUS_FILLED,
  OrderStatus.STATUS_PARTIALLY_FILLED,
  OrderStatus.STATUS_REJECTED,
  OrderStatus.STATUS_PARKED,
]);

/** An order's price as an integer; a malformed price is 0. */
export function priceOf(order: Order): bigint {
  try {
    return BigInt(order.price || '0');
  } catch {
    return 0n;
  }
}

/** Remaining volume plus the iceberg reserve, as `types.Order.TrueRemaining()`. */
export function trueRemaining(order: Order): bigint {
  const remaining = BigInt(order.remaining || '0');
  const reserved = order.icebergOrder?.reservedRemaining;
  return reserved === undefined || reserved === '' || reserved === '0' ? remaining : remaining + BigInt(reserved);
}

/**
 * The order book of one market as the data node keeps it (a port of v0.79
 * `datanode/entities/market_depth.go`): live orders by id, buy levels descending, sell levels
 * ascending, and the list of levels changed since the last publication. The change list holds
 * references to the level objects, so a level changed twice appears twice with its final values,
 * and a removed level appears with 0 orders and 0 volume (the real node's behaviour).
 */
export class MarketDepthBook {
  /** Sequence number of the last order event applied to this market. */
  sequenceNumber = 0n;
  /** Sequence number of the last published update (0 before the first). */
  previousSequenceNumber = 0n;
  /** Levels changed since the last publication, in order of change. */
  changes: DepthLevel[] = [];

  private readonly live = new Map<string, LiveOrder>();
  private readonly buy: DepthLevel[] = [];
  private readonly sell: DepthLevel[] = [];

  constructor(
    /** The market this book is for. */
    readonly marketId: string,
  ) {}

  /** Number of live orders on the book. */
  get liveOrderCount(): number {
    return this.live.size;
  }

  /** Applies one order event (`AddOrderUpdate`). */
  addOrderUpdate(order: Order): void {
    const original = this.live.get(order.id);
    if (original) {
      if (LEAVES_BOOK.has(order.status)) this.removeOrder(order.id, original);
      else this.updateOrder(order.id, original, order);
    } else {
      const remaining = trueRemaining(order);
      if (remaining > 0n && order.status === ACTIVE) this.addOrder(order, remaining);
    }
  }

  /** The level at a price on a side, if any. */
  level(side: Side, price: bigint): DepthLevel | undefined {
    const levels = side === BUY ? this.buy : this.sell;
    const i = this.search(side, price);
    const level = levels[i];
    return level !== undefined && level.price === price ? level : undefined;
  }

  /** Buy levels, best (highest) first. */
  buyLevels(): readonly DepthLevel[] {
    return this.buy;
  }

  /** Sell levels, best (lowest) first. */
  sellLevels(): readonly DepthLevel[] {
    return this.sell;
  }

  /** The full book as `vega.MarketDepth` (at most `limit` levels a side when limit > 0). */
  toMarketDepth(limit = 0): MarketDepth {
    const buy = limit > 0 ? this.buy.slice(0, limit) : this.buy;
    const sell = limit > 0 ? this.sell.slice(0, limit) : this.sell;
    return {
      marketId: this.marketId,
      buy: buy.map(toPriceLevel),
      sell: sell.map(toPriceLevel),
      sequenceNumber: this.sequenceNumber.toString(),
    };
  }

  /** Puts a new live order on the book; `remaining` is its {@link trueRemaining}. */
  private addOrder(order: Order, remaining: bigint): void {
    const entry: LiveOrder = {
      side: order.side,
      price: priceOf(order),
      trueRemaining: remaining,
    };
    this.live.set(order.id, entry);
    let level = this.level(entry.side, entry.price);
    if (!level) {
      level = this.createLevel(entry);
    } else {
      level.orders += 1n;
      level.volume += entry.trueRemaining;
    }
    this.changed(level);
  }

  private removeOrder(id: string, order: LiveOrder): void {
    const level = this.level(order.side, order.price);
    if (!level) return; // "unknown pricelevel": the real node returns before forgetting the order
    level.orders -= 1n;
    level.volume -= order.trueRemaining;
    if (level.orders === 0n) this.removeLevel(level);
    this.changed(level);
    this.live.delete(id);
  }

  private updateOrder(id: string, original: LiveOrder, order: Order): void {
    const price = priceOf(order);
    const remaining = trueRemaining(order);
    if (original.price === price) {
      if (remaining === 0n) {
        // As the real node: removes with the new order's (zero) remaining.
        this.removeOrder(id, { ...original, trueRemaining: 0n });
        return;
      }
      const level = this.level(original.side, original.price);
      if (!level) return;
      level.volume += remaining - original.trueRemaining;
      original.trueRemaining = remaining;
      this.changed(level);
    } else {
      this.removeOrder(id, original);
      if (remaining > 0n) this.addOrder(order, remaining);
    }
  }

  /** Records a change of a level's orders or volume (its printed form is stale). */
  private changed(level: DepthLevel): void {
    level.printed = undefined;
    this.changes.push(level);
  }

  private createLevel(order: LiveOrder): DepthLevel {
    const level: DepthLevel = {
      price: order.price,
      priceText: order.price.toString(),
      side: order.side,
      orders: 1n,
      volume: order.trueRemaining,
      printed: undefined,
    };
    const levels = order.side === BUY ? this.buy : this.sell;
    levels.splice(this.search(order.side, order.price), 0, level);
    return level;
  }

  private removeLevel(level: DepthLevel): void {
    const levels = level.side === BUY ? this.buy : this.sell;
    const i = this.search(level.side, level.price);
    if (levels[i] === level) levels.splice(i, 1);
  }

  /** First index whose price is at or beyond `price` in the side's order (binary search). */
  private search(side: Side, price: bigint): number {
    const levels = side === BUY ? this.buy : this.sell;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = (levels[mid] as DepthLevel).price;
      const before = side === BUY ? p > price : p < price;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * A level as `vega.PriceLevel` (no AMM volume in this simulator). The value is shared (memoised on
 * the level until it changes again): treat it as read-only.
 */
export function toPriceLevel(level: DepthLevel): PriceLevel {
  return (level.printed ??= {
    price: level.priceText,
    numberOfOrders: level.orders.toString(),
    volume: level.volume.toString(),
    ammVolume: '0',
    ammVolumeEstimated: '0',
  });
}
