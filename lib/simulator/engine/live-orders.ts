import { OrderTimeInForce } from '../../codecs/index.js';
import type { SimOrder } from './sim-order.js';

const TIME_IN_FORCE_GTT = OrderTimeInForce.TIME_IN_FORCE_GTT;

/** A live order and its position in the dense array. */
interface LiveEntry {
  readonly order: SimOrder;
  index: number;
}

/**
 * The live (resting) orders of a market: by id, in a dense array for O(1) random picks by the
 * agents (removal swaps the last one in), and the GTT ones apart for expiry.
 */
export class LiveOrders {
  /** By id, in insertion order; each entry knows its index in {@link dense}. */
  private readonly byId = new Map<string, LiveEntry>();
  private readonly dense: LiveEntry[] = [];
  private readonly gtt = new Set<SimOrder>();

  /** Number of live orders. */
  get size(): number {
    return this.dense.length;
  }

  /** The live order with this id. */
  get(id: string): SimOrder | undefined {
    return this.byId.get(id)?.order;
  }

  /** True when the order is live. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Live orders in insertion order. */
  *values(): IterableIterator<SimOrder> {
    for (const entry of this.byId.values()) yield entry.order;
  }

  /** The live order at position `i` of an arbitrary but deterministic ordering. */
  at(i: number): SimOrder | undefined {
    return this.dense[i]?.order;
  }

  /** Adds an order (no-op if already live). */
  add(o: SimOrder): void {
    if (this.byId.has(o.id)) return;
    const entry: LiveEntry = { order: o, index: this.dense.length };
    this.byId.set(o.id, entry);
    this.dense.push(entry);
    if (o.timeInForce === TIME_IN_FORCE_GTT) this.gtt.add(o);
  }

  /** Removes an order (no-op if not live). */
  delete(o: SimOrder): void {
    const entry = this.byId.get(o.id);
    if (entry === undefined) return;
    this.byId.delete(o.id);
    const last = this.dense.pop() as LiveEntry;
    if (last !== entry) {
      this.dense[entry.index] = last;
      last.index = entry.index;
    }
    if (o.timeInForce === TIME_IN_FORCE_GTT) this.gtt.delete(o);
  }

  /** GTT orders expiring at or before `nowNs`, earliest expiry first. */
  expiredBy(nowNs: bigint): SimOrder[] {
    const out: SimOrder[] = [];
    if (this.gtt.size === 0) return out;
    for (const o of this.gtt) if (o.expiresAt <= nowNs) out.push(o);
    out.sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0));
    return out;
  }
}
