import { OrderStatus, OrderTimeInForce, OrderType } from '../../codecs/index.js';
import type { Order } from '../../codecs/index.js';
import { toDataNodeOrder } from './data-node-order.js';
import { LatestByKey } from './latest-by-key.js';

/** Filters of {@link OrderStore.liveOrders}, as the orders route's snapshot takes them. */
export interface OrderFilter {
  /** Only orders in these markets (absent or empty: all). */
  readonly marketIds?: readonly string[];
  /** Only these parties' orders (absent or empty: all). */
  readonly partyIds?: readonly string[];
  /** Leave out liquidity-provision orders (`liquidityProvisionId` set). */
  readonly excludeLiquidity?: boolean;
}

const ACTIVE = OrderStatus.STATUS_ACTIVE;
const PARKED = OrderStatus.STATUS_PARKED;
const MARKET = OrderType.TYPE_MARKET;
const IOC = OrderTimeInForce.TIME_IN_FORCE_IOC;
const FOK = OrderTimeInForce.TIME_IN_FORCE_FOK;

/** True for an order the data node counts as live: active or parked, a persistent limit order. */
export function isLiveOrder(order: Order): boolean {
  return (
    (order.status === ACTIVE || order.status === PARKED) &&
    order.type !== MARKET &&
    order.timeInForce !== IOC &&
    order.timeInForce !== FOK
  );
}

/**
 * Orders as the data node stores them (re-printed by {@link toDataNodeOrder}): the latest state of every order, the live ones, and the
 * block's updates. Like the real orders table (one row per order id, version and block), a block
 * publishes the last state of each (order id, version) it touched, in order of last update: an
 * order created and filled in one block is sent once, an amended order once per version.
 */
export class OrderStore {
  private readonly latest = new Map<string, Order>();
  private readonly live = new Map<string, Order>();
  /** Keyed by the (order id, version) slot of {@link slotOf}. */
  private readonly changed = new LatestByKey<object, Order>();
  /** The block's (order id, version) slots: order id, then version (no key string built per update). */
  private slots = new Map<string, Map<Order['version'], object>>();

  /** An ORDER event (stored as the data node re-prints it, see {@link toDataNodeOrder}). */
  add(order: Order): void {
    this.record(toDataNodeOrder(order));
  }

  private record(order: Order): void {
    this.latest.set(order.id, order);
    if (isLiveOrder(order)) this.live.set(order.id, order);
    else this.live.delete(order.id);
    this.changed.set(this.slotOf(order), order);
  }

  /** The block's slot of an (order id, version), created on first sight. */
  private slotOf(order: Order): object {
    let byVersion = this.slots.get(order.id);
    if (!byVersion) this.slots.set(order.id, (byVersion = new Map()));
    let slot = byVersion.get(order.version);
    if (!slot) byVersion.set(order.version, (slot = {}));
    return slot;
  }

  /**
   * An EXPIRED_ORDERS or CANCELLED_ORDERS event: each known order of the list gets the status and
   * `updatedAt` = block time, as the data node rewrites them. Returns the rewritten orders, in
   * list order, for the depth service.
   */
  setStatus(orderIds: readonly string[], status: OrderStatus, blockTimeNs: bigint): Order[] {
    const out: Order[] = [];
    for (const id of orderIds) {
      const known = this.latest.get(id);
      if (!known) continue;
      const order: Order = { ...known, status, updatedAt: blockTimeNs.toString() };
      this.record(order);
      out.push(order);
    }
    return out;
  }

  /** The block's order updates, then starts a new block. */
  flush(): Order[] {
    this.slots = new Map();
    return this.changed.flush();
  }

  /** The latest state of an order. */
  get(orderId: string): Order | undefined {
    return this.latest.get(orderId);
  }

  /** Live orders matching the filter, in order of creation. */
  liveOrders(filter: OrderFilter = {}): Order[] {
    const markets = filter.marketIds && filter.marketIds.length > 0 ? new Set(filter.marketIds) : undefined;
    const parties = filter.partyIds && filter.partyIds.length > 0 ? new Set(filter.partyIds) : undefined;
    const out: Order[] = [];
    for (const order of this.live.values()) {
      if (markets && !markets.has(order.marketId)) continue;
      if (parties && !parties.has(order.partyId)) continue;
      if (filter.excludeLiquidity && order.liquidityProvisionId !== '') continue;
      out.push(order);
    }
    return out;
  }

  /** Every party that placed an order. */
  partyIds(): string[] {
    return [...new Set([...this.latest.values()].map((o) => o.partyId))];
  }
}
