import { OrderStatus, OrderTimeInForce, OrderType } from '../../codecs/index.js';
import type { Order } from '../../codecs/index.js';
import { toDataNodeOrder } from './data-node-order.js';
import { BlockBatch, type BatchSlot } from './block-batch.js';

/** Filters of {@link DataNode.liveOrders}, as the orders route's snapshot takes them. */
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

/** One (order id, version) of the current block: the last state of that version. */
interface VersionSlot extends BatchSlot {
  version: Order['version'];
  value: Order;
  /** The order's other versions touched in the same block (a short list: usually none). */
  next: VersionSlot | undefined;
}

/**
 * Everything the store keeps about one order id. It is also the slot of the first version of the
 * order its last block touched (one object per order event, not two).
 */
interface OrderRecord extends VersionSlot {
  /** The latest state. */
  order: Order;
  /** True while the order is in the live map. */
  live: boolean;
  /** The block the record's version slots belong to ({@link OrderStore}'s block counter). */
  block: number;
}

/**
 * Orders as the data node stores them (re-printed by {@link toDataNodeOrder}): the latest state of every order, the live ones, and the
 * block's updates. Like the real orders table (one row per order id, version and block), a block
 * publishes the last state of each (order id, version) it touched, in order of last update: an
 * order created and filled in one block is sent once, an amended order once per version.
 *
 * One record per order id holds all three, so an ORDER event costs one lookup by id, in small
 * maps only: the live orders (most events are about resting orders) and the block's other ones.
 * New records wait in a list; the map of every order ever seen is brought up to date from it
 * only when something asks for an order that is neither live nor touched in the block (a query,
 * or an EXPIRED_ORDERS / CANCELLED_ORDERS event), because that map grows without bound and
 * inserting into it, once per order, was the costliest step of an ORDER event. An ORDER event of
 * an id seen before but neither live nor touched in the block gets a fresh record: the event
 * overwrites all of the old one's state (whose version slots are those of an earlier block).
 */
export class OrderStore {
  /** Records created since the index was last brought up to date, in order of creation. */
  private pending: OrderRecord[] = [];
  /** Order id -> latest record, in order of first sight, up to the {@link pending} records. */
  private readonly index = new Map<string, OrderRecord>();
  /**
   * The records this block created or took off the live map: with the live map, every record the
   * block touched (so a later event of the block finds the record holding its version slots).
   */
  private recent = new Map<string, OrderRecord>();
  /** The live orders' records, in the order they became live. */
  private readonly live = new Map<string, OrderRecord>();
  private readonly changed = new BlockBatch<VersionSlot>();
  /** Counts flushes: a record's versions are the current block's only when stamped with it. */
  private block = 0;

  /** An ORDER event (stored as the data node re-prints it, see {@link toDataNodeOrder}). */
  add(order: Order): void {
    this.record(toDataNodeOrder(order));
  }

  private record(order: Order): void {
    let record = this.live.get(order.id) ?? this.recent.get(order.id);
    if (record === undefined) {
      record = { order, live: false, block: this.block, batchPosition: 0, version: order.version, value: order, next: undefined };
      this.recent.set(order.id, record);
      this.pending.push(record);
    } else {
      record.order = order;
    }
    const live = isLiveOrder(order);
    if (live !== record.live) {
      record.live = live;
      if (live) {
        this.live.set(order.id, record);
      } else {
        this.live.delete(order.id);
        this.recent.set(order.id, record);
      }
    }
    this.changed.touch(this.versionSlot(record, order));
  }

  /** The map of every order id to its latest record, brought up to date. */
  private fullIndex(): Map<string, OrderRecord> {
    // a later record of an id replaces the earlier one and keeps its place (first sight)
    for (const record of this.pending) this.index.set(record.order.id, record);
    this.pending = []; // indexed: the list lets go, so a replaced record can be collected
    return this.index;
  }

  /** The record of an order id, wherever it is. */
  private lookup(orderId: string): OrderRecord | undefined {
    return this.live.get(orderId) ?? this.recent.get(orderId) ?? this.fullIndex().get(orderId);
  }

  /** The block's slot of the order's version (the record itself for the first), now holding `order`. */
  private versionSlot(record: OrderRecord, order: Order): VersionSlot {
    if (record.block !== this.block) {
      record.block = this.block;
      record.version = order.version;
      record.value = order;
      record.next = undefined;
      return record;
    }
    for (let slot: VersionSlot | undefined = record; slot !== undefined; slot = slot.next) {
      if (slot.version === order.version) {
        slot.value = order;
        return slot;
      }
    }
    const slot: VersionSlot = { batchPosition: 0, version: order.version, value: order, next: record.next };
    record.next = slot;
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
      const known = this.lookup(id);
      if (!known) continue;
      const order: Order = { ...known.order, status, updatedAt: blockTimeNs.toString() };
      this.record(order);
      out.push(order);
    }
    return out;
  }

  /** The block's order updates, then starts a new block. */
  flush(): Order[] {
    this.block++;
    this.recent = new Map();
    return this.changed.drain().map((slot) => slot.value);
  }

  /** The latest state of an order. */
  get(orderId: string): Order | undefined {
    return this.lookup(orderId)?.order;
  }

  /** Live orders matching the filter, in order of creation. */
  liveOrders(filter: OrderFilter = {}): Order[] {
    const markets = filter.marketIds && filter.marketIds.length > 0 ? new Set(filter.marketIds) : undefined;
    const parties = filter.partyIds && filter.partyIds.length > 0 ? new Set(filter.partyIds) : undefined;
    const out: Order[] = [];
    for (const { order } of this.live.values()) {
      if (markets && !markets.has(order.marketId)) continue;
      if (parties && !parties.has(order.partyId)) continue;
      if (filter.excludeLiquidity && order.liquidityProvisionId !== '') continue;
      out.push(order);
    }
    return out;
  }

  /** Every party that placed an order. */
  partyIds(): string[] {
    return [...new Set([...this.fullIndex().values()].map((r) => r.order.partyId))];
  }
}
