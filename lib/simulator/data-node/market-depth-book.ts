import { OrderStatus, Side } from '../../codecs/index.js';
import type { MarketDepth, Order, PriceLevel } from '../../codecs/index.js';

/** One price level of a book; mutable, because a block's change list holds references to it. */
export interface DepthLevel {
  /** The price as an integer (order prices are `num.Uint` in the data node). */
  readonly price: bigint;
  /** Side of the book. */
  readonly side: Side;
  /** Live orders at this price. */
  orders: bigint;
  /** Sum of the live orders' true remaining volume. */
  volume: bigint;
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
  const reserved = order.icebergOrder?.reservedRemaining ?? '0';
  return BigInt(order.remaining || '0') + BigInt(reserved || '0');
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
    } else if (trueRemaining(order) > 0n && order.status === ACTIVE) {
      this.addOrder(order);
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

  private addOrder(order: Order): void {
    const entry: LiveOrder = {
      side: order.side,
      price: priceOf(order),
      trueRemaining: trueRemaining(order),
    };
    this.live.set(order.id, entry);
    let level = this.level(entry.side, entry.price);
    if (!level) {
      level = this.createLevel(entry);
    } else {
      level.orders += 1n;
      level.volume += entry.trueRemaining;
    }
    this.changes.push(level);
  }

  private removeOrder(id: string, order: LiveOrder): void {
    const level = this.level(order.side, order.price);
    if (!level) return; // "unknown pricelevel": the real node returns before forgetting the order
    level.orders -= 1n;
    level.volume -= order.trueRemaining;
    if (level.orders === 0n) this.removeLevel(level);
    this.changes.push(level);
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
      this.changes.push(level);
    } else {
      this.removeOrder(id, original);
      if (remaining > 0n) this.addOrder(order);
    }
  }

  private createLevel(order: LiveOrder): DepthLevel {
    const level: DepthLevel = {
      price: order.price,
      side: order.side,
      orders: 1n,
      volume: order.trueRemaining,
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

/** A level as `vega.PriceLevel` (no AMM volume in this simulator). */
export function toPriceLevel(level: DepthLevel): PriceLevel {
  return {
    price: level.price.toString(),
    numberOfOrders: level.orders.toString(),
    volume: level.volume.toString(),
    ammVolume: '0',
    ammVolumeEstimated: '0',
  };
}
