// The data node's per-block batching and its order store agree with their plain definitions
// (a key -> latest map per block, a map of every order), on seeded random histories.
import { expect } from 'chai';
import { BusEventType, OrderStatus, type Order } from '../../../lib/codecs/index.js';
import { BlockBatch, type BatchSlot } from '../../../lib/simulator/data-node/block-batch.js';
import { DataNode, Decimal, isLiveOrder, toDataNodeOrder } from '../../../lib/simulator/data-node/index.js';
import { LatestByKey } from '../../../lib/simulator/data-node/latest-by-key.js';
import { seededRandom } from '../../../lib/testing/index.js';
import { ALICE, BOB, CANCELLED, EXPIRED, FILLED, blockSequence, order } from './support/builders.js';
import type { Json } from './support/builders.js';

/** The orders part of the data node as first written: every order's latest state in one map. */
class ReferenceOrders {
  private readonly latest = new Map<string, Order>();
  private readonly live = new Map<string, Order>();
  private readonly changed = new LatestByKey<string, Order>();

  add(core: Order): void {
    this.record(toDataNodeOrder(core));
  }

  setStatus(ids: readonly string[], status: OrderStatus, timeNs: bigint): void {
    for (const id of ids) {
      const known = this.latest.get(id);
      if (known) this.record({ ...known, status, updatedAt: timeNs.toString() });
    }
  }

  flush(): Order[] {
    return this.changed.flush();
  }

  get(id: string): Order | undefined {
    return this.latest.get(id);
  }

  liveOrders(): Order[] {
    return [...this.live.values()];
  }

  private record(o: Order): void {
    this.latest.set(o.id, o);
    if (isLiveOrder(o)) this.live.set(o.id, o);
    else this.live.delete(o.id);
    this.changed.set(`${o.id}/${o.version}`, o);
  }
}

/** The plain definition of {@link Decimal.div}: q = a * 10^(sb + p) / (b * 10^sa), rounded half away from zero. */
function plainDiv(a: Decimal, b: Decimal, precision = 16): string {
  let n = a.coefficient * 10n ** BigInt(b.scale + precision);
  let d = b.coefficient * 10n ** BigInt(a.scale);
  if (d < 0n) [n, d] = [-n, -d];
  const q = n / d;
  const r = n % d;
  const rounded = (r < 0n ? -r : r) * 2n >= d ? (n < 0n ? q - 1n : q + 1n) : q;
  return Decimal.parse(`${rounded}e-${precision}`).toString();
}

describe('simulator/data-node: batching', () => {
  it('BlockBatch yields the touched slots once, in order of last update, as LatestByKey does', () => {
    const random = seededRandom(11);
    interface Slot extends BatchSlot {
      readonly key: number;
    }
    const slots: Slot[] = Array.from({ length: 12 }, (_, key) => ({ key, batchPosition: 0 }));
    const batch = new BlockBatch<Slot>();
    const reference = new LatestByKey<number, number>();
    for (let block = 0; block < 200; block++) {
      const touches = Math.floor(random() * 30);
      for (let i = 0; i < touches; i++) {
        const slot = slots[Math.floor(random() * slots.length)] as Slot;
        batch.touch(slot);
        reference.set(slot.key, slot.key);
      }
      expect(batch.updates).to.equal(touches);
      expect(batch.drain().map((s) => s.key), `block ${block}`).to.deep.equal(reference.flush());
    }
  });

  it('Decimal.div matches its plain definition', () => {
    const random = seededRandom(12);
    const texts = ['0', '1', '-1', '3', '7', '10', '100', '0.5', '-2.5', '1e3', '123456789.0123456789', '0.0000000000000001'];
    const draw = (): Decimal => {
      if (random() < 0.3) return Decimal.parse(texts[Math.floor(random() * texts.length)] as string);
      const digits = BigInt(Math.floor(random() * 1e15)) * (random() < 0.5 ? -1n : 1n);
      return Decimal.parse(`${digits}e-${Math.floor(random() * 24)}`);
    };
    for (let i = 0; i < 3000; i++) {
      const a = draw();
      const b = draw();
      if (b.isZero()) continue;
      expect(a.div(b).toString(), `${a} / ${b}`).to.equal(plainDiv(a, b));
    }
  });

  it('the order store publishes, keeps and rewrites orders as one map of every order does', () => {
    const random = seededRandom(13);
    const node = new DataNode();
    const reference = new ReferenceOrders();
    const next = blockSequence();
    const versions = new Map<string, number>();
    const ids: string[] = [];
    const pick = (): string => ids[Math.floor(random() * ids.length)] as string;
    for (let height = 1; height <= 300; height++) {
      const payloads: Json[] = [];
      const events = 1 + Math.floor(random() * 8);
      for (let e = 0; e < events; e++) {
        const r = random();
        if (r < 0.12 && ids.length > 0) {
          // an EXPIRED_ORDERS / CANCELLED_ORDERS event for orders of any age and state, and an unknown one
          const listed = [pick(), pick(), 'f'.repeat(64)];
          payloads.push(
            random() < 0.5
              ? { type: BusEventType.BUS_EVENT_TYPE_CANCELLED_ORDERS, cancelledOrders: { orderIds: listed } }
              : { type: BusEventType.BUS_EVENT_TYPE_EXPIRED_ORDERS, expiredOrders: { orderIds: listed } },
          );
          continue;
        }
        // a new order, or another event of an old one (live or not, from this block or an earlier one)
        const id = r < 0.5 || ids.length === 0 ? `${height}`.padStart(32, '0') + `${e}`.padStart(32, '0') : pick();
        if (!versions.has(id)) ids.push(id);
        const version = random() < 0.2 ? (versions.get(id) ?? 0) + 1 : (versions.get(id) ?? 1);
        versions.set(id, version);
        const statuses = [1, 1, 1, FILLED, CANCELLED, EXPIRED, 6, 8];
        payloads.push(
          order({
            id,
            price: String(100 + Math.floor(random() * 10)),
            size: String(1 + Math.floor(random() * 5)),
            status: statuses[Math.floor(random() * statuses.length)],
            version: String(version),
            partyId: random() < 0.5 ? ALICE : BOB,
          }),
        );
      }
      const core = next(payloads);
      const out = node.apply(core);
      for (const event of core.events) {
        if (event.order) reference.add(event.order);
        if (event.cancelledOrders) reference.setStatus(event.cancelledOrders.orderIds, OrderStatus.STATUS_CANCELLED, core.timeNs);
        if (event.expiredOrders) reference.setStatus(event.expiredOrders.orderIds, OrderStatus.STATUS_EXPIRED, core.timeNs);
      }
      expect(out.orders, `block ${height}`).to.deep.equal(reference.flush());
      expect(node.liveOrders(), `block ${height}`).to.deep.equal(reference.liveOrders());
      if (height % 25 === 0) for (const id of ids) expect(node.order(id), id).to.deep.equal(reference.get(id));
    }
    expect(node.order('f'.repeat(64))).to.equal(undefined);
  });
});
