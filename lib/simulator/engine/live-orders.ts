import { OrderTimeInForce } from '../../codecs/index.js';
import type { SimOrder } from './sim-order.js';

const TIME_IN_FORCE_GTT = OrderTimeInForce.TIME_IN_FORCE_GTT;

/**
 * The live (resting) orders of a market: by id, in a dense array for O(1) random picks by the
 * agents (removal swaps the last one in), and the GTT ones apart for expiry.
 */
export class LiveOrders {
  private readonly byId = new Map<string, SimOrder>();
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly gtt = new Set<SimOrder>();

  /** Number of live orders. */
  get size(): number {
    return this.ids.length;
  }

  /** The live order with this id. */
  get(id: string): SimOrder | undefined {
    return this.byId.get(id);
  }

  /** True when the order is live. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Live orders in insertion order. */
  values(): IterableIterator<SimOrder> {
    return this.byId.values();
  }

  /** The live order at position `i` of an arbitrary but deterministic ordering. */
  at(i: number): SimOrder | undefined {
    const id = this.ids[i];
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Adds an order (no-op if already live). */
  add(o: SimOrder): void {
    if (this.byId.has(o.id)) return;
    this.byId.set(o.id, o);
    this.index.set(o.id, this.ids.length);
    this.ids.push(o.id);
    if (o.timeInForce === TIME_IN_FORCE_GTT) this.gtt.add(o);
  }

  /** Removes an order (no-op if not live). */
  delete(o: SimOrder): void {
    if (!this.byId.delete(o.id)) return;
    const i = this.index.get(o.id) as number;
    const last = this.ids.pop() as string;
    if (last !== o.id) {
      this.ids[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(o.id);
    this.gtt.delete(o);
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
