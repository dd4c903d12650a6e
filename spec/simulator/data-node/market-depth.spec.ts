// Market depth and its sequence numbers from hand-built order events.
import { expect } from 'chai';
import { BusEventType } from '../../../lib/codecs/index.js';
import type { MarketDepthUpdate, PriceLevel } from '../../../lib/codecs/index.js';
import { DataNode } from '../../../lib/simulator/data-node/index.js';
import type { DataNodeBlock } from '../../../lib/simulator/data-node/index.js';
import { BookReplayer } from './support/book-replayer.js';
import {
  ACTIVE,
  BOB,
  BUY,
  CANCELLED,
  EXPIRED,
  FILLED,
  MARKET_A,
  MARKET_B,
  PARKED,
  SELL,
  blockSequence,
  order,
} from './support/builders.js';
import type { Json } from './support/builders.js';

const lv = (levels: readonly PriceLevel[]): string[] => levels.map((l) => `${l.price}:${l.volume}:${l.numberOfOrders}`);
const only = <T>(items: readonly T[]): T => {
  expect(items).to.have.length(1);
  return items[0] as T;
};

describe('simulator/data-node: market depth', () => {
  let node: DataNode;
  let next: (payloads: readonly Json[]) => ReturnType<ReturnType<typeof blockSequence>>;
  const apply = (payloads: readonly Json[]): DataNodeBlock => node.apply(next(payloads));

  beforeEach(() => {
    node = new DataNode();
    next = blockSequence();
  });

  it('adds up several orders at one price; buy levels descending, sell ascending', () => {
    const out = apply([
      order({ id: 'o1', price: '100', size: '5' }),
      order({ id: 'o2', price: '100', size: '7', partyId: BOB }),
      order({ id: 'o3', price: '99', size: '1' }),
      order({ id: 'o4', price: '101', size: '2' }),
      order({ id: 's1', price: '105', size: '3', side: SELL }),
      order({ id: 's2', price: '103', size: '4', side: SELL }),
      order({ id: 's3', price: '104', size: '1', side: SELL }),
    ]);
    const depth = only(out.marketDepths);
    expect(lv(depth.buy)).to.deep.equal(['101:2:1', '100:12:2', '99:1:1']);
    expect(lv(depth.sell)).to.deep.equal(['103:4:1', '104:1:1', '105:3:1']);
    const update = only(out.depthUpdates);
    // the change list holds one entry per change, each with the level's final (absolute) values
    expect(lv(update.buy)).to.deep.equal(['100:12:2', '100:12:2', '99:1:1', '101:2:1']);
    expect(lv(update.sell)).to.deep.equal(['105:3:1', '103:4:1', '104:1:1']);
    expect(node.marketDepth(MARKET_A, 1).buy.map((l) => l.price)).to.deep.equal(['101']);
  });

  it('removes a level (volume 0, no orders) and adds it again later', () => {
    apply([order({ id: 'o1', price: '100', size: '5' }), order({ id: 'o2', price: '101', size: '1' })]);
    const removed = apply([order({ id: 'o1', price: '100', size: '5', status: CANCELLED })]);
    expect(lv(only(removed.depthUpdates).buy)).to.deep.equal(['100:0:0']);
    expect(lv(only(removed.marketDepths).buy)).to.deep.equal(['101:1:1']);
    const again = apply([order({ id: 'o3', price: '100', size: '9', partyId: BOB })]);
    expect(lv(only(again.depthUpdates).buy)).to.deep.equal(['100:9:1']);
    expect(lv(only(again.marketDepths).buy)).to.deep.equal(['101:1:1', '100:9:1']);
  });

  it('removes and re-adds a level within one block: the removal, then the new level (last wins)', () => {
    apply([order({ id: 'o1', price: '100', size: '5' })]);
    const out = apply([
      order({ id: 'o1', price: '100', size: '5', status: CANCELLED }),
      order({ id: 'o2', price: '100', size: '3' }),
    ]);
    expect(lv(only(out.depthUpdates).buy)).to.deep.equal(['100:0:0', '100:3:1']);
    expect(lv(only(out.marketDepths).buy)).to.deep.equal(['100:3:1']);
  });

  it('moves volume between levels when an order is amended to another price', () => {
    apply([order({ id: 'o1', price: '100', size: '5' }), order({ id: 'o2', price: '100', size: '1' })]);
    const out = apply([order({ id: 'o1', price: '102', size: '5', version: '2' })]);
    expect(lv(only(out.depthUpdates).buy)).to.deep.equal(['100:1:1', '102:5:1']);
    expect(lv(only(out.marketDepths).buy)).to.deep.equal(['102:5:1', '100:1:1']);
    expect(out.orders.map((o) => `${o.id}/${o.version}/${o.price}`)).to.deep.equal(['o1/2/102']);
  });

  it('reduces a level by fills and removes it when the order is filled', () => {
    apply([order({ id: 's1', price: '100', size: '10', side: SELL }), order({ id: 's2', price: '100', size: '4', side: SELL })]);
    const partial = apply([order({ id: 's1', price: '100', size: '10', remaining: '6', side: SELL })]);
    expect(lv(only(partial.depthUpdates).sell)).to.deep.equal(['100:10:2']);
    const filled = apply([
      order({ id: 's1', price: '100', size: '10', remaining: '0', side: SELL, status: FILLED }),
      order({ id: 's2', price: '100', size: '4', remaining: '1', side: SELL }),
    ]);
    expect(lv(only(filled.depthUpdates).sell)).to.deep.equal(['100:1:1', '100:1:1']);
    const gone = apply([order({ id: 's2', price: '100', size: '4', remaining: '0', side: SELL, status: FILLED })]);
    expect(lv(only(gone.depthUpdates).sell)).to.deep.equal(['100:0:0']);
    expect(only(gone.marketDepths).sell).to.deep.equal([]);
  });

  it('leaves parked orders out, counts pegged orders while active, ignores market/IOC/FOK orders', () => {
    const pegged = { peggedOrder: { reference: 1, offset: '5' } };
    const out = apply([
      order({ id: 'p1', price: '0', size: '5', status: PARKED, ...pegged }),
      order({ id: 'p2', price: '95', size: '2', ...pegged }),
      order({ id: 'm1', price: '0', size: '3', type: 2, timeInForce: 3 }),
      order({ id: 'i1', price: '90', size: '3', timeInForce: 3 }),
      order({ id: 'f1', price: '90', size: '3', timeInForce: 4 }),
    ]);
    expect(lv(only(out.marketDepths).buy)).to.deep.equal(['95:2:1']);
    // the ignored orders do not bump the sequence number: the last counted event is p2 (index 3)
    const base = out.timeNs - (out.timeNs % 1000n);
    expect(only(out.depthUpdates).sequenceNumber).to.equal((base + 3n).toString());
    const parked = apply([order({ id: 'p2', price: '95', size: '2', status: PARKED, ...pegged })]);
    expect(lv(only(parked.depthUpdates).buy)).to.deep.equal(['95:0:0']);
    expect(node.liveOrders().map((o) => o.id).sort()).to.deep.equal(['p1', 'p2']);
  });

  it('counts the iceberg reserve in a level volume', () => {
    const out = apply([order({ id: 'ice', price: '100', size: '50', remaining: '5', icebergOrder: { peakSize: '5', minimumVisibleSize: '1', reservedRemaining: '45' } })]);
    expect(lv(only(out.marketDepths).buy)).to.deep.equal(['100:50:1']);
  });

  it('takes expired and cancelled order lists off the book, with the block time and rising sequence numbers', () => {
    apply([order({ id: 'o1', price: '100', size: '5' }), order({ id: 'o2', price: '101', size: '5' }), order({ id: 'o3', price: '102', size: '5' })]);
    const out = apply([
      { type: BusEventType.BUS_EVENT_TYPE_EXPIRED_ORDERS, expiredOrders: { marketId: MARKET_A, orderIds: ['o1', 'o2'] } },
      { type: BusEventType.BUS_EVENT_TYPE_CANCELLED_ORDERS, cancelledOrders: { marketId: MARKET_A, partyId: BOB, orderIds: ['o3'] } },
    ]);
    expect(lv(only(out.depthUpdates).buy)).to.deep.equal(['100:0:0', '101:0:0', '102:0:0']);
    expect(out.orders.map((o) => `${o.id}:${o.status}:${o.updatedAt}`)).to.deep.equal([
      `o1:${EXPIRED}:${out.timeNs}`,
      `o2:${EXPIRED}:${out.timeNs}`,
      `o3:${CANCELLED}:${out.timeNs}`,
    ]);
    // expired o1, o2 take sequences 2 and 3; the cancelled list (event 3) is applied at 3 too; last = 3
    const base = out.timeNs - (out.timeNs % 1000n);
    expect(only(out.depthUpdates).sequenceNumber).to.equal((base + 3n).toString());
    expect(node.liveOrders()).to.deep.equal([]);
  });

  it('numbers depth per market from its last order event: global, shared, chained; nothing for an unchanged book', () => {
    const b1 = apply([
      order({ id: 'a1', price: '100', size: '1' }),
      order({ id: 'b1', price: '200', size: '1', marketId: MARKET_B }),
      order({ id: 'a2', price: '101', size: '1' }),
    ]);
    const base1 = b1.timeNs - (b1.timeNs % 1000n);
    expect(b1.depthUpdates.map((u) => [u.marketId, u.sequenceNumber, u.previousSequenceNumber])).to.deep.equal([
      [MARKET_B, (base1 + 3n).toString(), '0'],
      [MARKET_A, (base1 + 4n).toString(), '0'],
    ]);
    expect(b1.marketDepths.map((d) => d.sequenceNumber)).to.deep.equal(b1.depthUpdates.map((u) => u.sequenceNumber));

    const quiet = apply([]);
    expect(quiet.depthUpdates).to.deep.equal([]);
    expect(quiet.marketDepths).to.deep.equal([]);

    const b3 = apply([order({ id: 'a3', price: '99', size: '1' })]);
    const base3 = b3.timeNs - (b3.timeNs % 1000n);
    const u3 = only(b3.depthUpdates);
    expect([u3.sequenceNumber, u3.previousSequenceNumber]).to.deep.equal([(base3 + 2n).toString(), (base1 + 4n).toString()]);
  });

  it('a book-neutral order event moves the REST sequence number but publishes nothing (as the real node)', () => {
    const first = apply([order({ id: 'a1', price: '100', size: '1' })]);
    const published = only(first.depthUpdates).sequenceNumber;
    // a new order that is immediately filled never reaches the book
    const neutral = apply([order({ id: 'x', price: '100', size: '1', remaining: '0', status: FILLED, side: SELL })]);
    expect(neutral.depthUpdates).to.deep.equal([]);
    const rest = node.marketDepth(MARKET_A);
    expect(BigInt(rest.sequenceNumber) > BigInt(published)).to.equal(true);
    const later = apply([order({ id: 'a2', price: '100', size: '2' })]);
    expect(only(later.depthUpdates).previousSequenceNumber).to.equal(published);
  });

  it('an unknown market has an empty book with sequence number 0', () => {
    expect(node.marketDepth(MARKET_B)).to.deep.equal({ marketId: MARKET_B, buy: [], sell: [], sequenceNumber: '0' });
  });

  it('a client replaying the updates on a full book stays equal to the node over a random run', () => {
    // a small deterministic pseudo-random order flow over two markets
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const live = new Map<string, Json>();
    const client = new BookReplayer();
    let id = 0;
    for (let b = 0; b < 300; b++) {
      const payloads: Json[] = [];
      for (let k = rand(6); k > 0; k--) {
        const ids = [...live.keys()];
        const action = rand(4);
        if (action === 0 || ids.length === 0) {
          const side = rand(2) === 0 ? BUY : SELL;
          const o = order({
            id: `o${++id}`,
            marketId: rand(2) === 0 ? MARKET_A : MARKET_B,
            side,
            price: String(side === BUY ? 90 + rand(10) : 101 + rand(10)),
            size: String(1 + rand(9)),
          });
          live.set(`o${id}`, o.order as Json);
          payloads.push(o);
        } else {
          const oid = ids[rand(ids.length)] as string;
          const o = live.get(oid) as Json & { id: string; price: string; size: string; version: string; side: number };
          if (action === 1) {
            payloads.push(order({ ...o, status: CANCELLED }));
            live.delete(oid);
          } else if (action === 2) {
            const moved = { ...o, price: String(Number(o.price) + (o.side === BUY ? -1 : 1)), version: String(Number(o.version) + 1) };
            live.set(oid, moved);
            payloads.push(order(moved));
          } else {
            const remaining = Number(o.remaining) - 1;
            if (remaining <= 0) {
              payloads.push(order({ ...o, remaining: '0', status: FILLED }));
              live.delete(oid);
            } else {
              const reduced = { ...o, remaining: String(remaining) };
              live.set(oid, reduced);
              payloads.push(order(reduced));
            }
          }
        }
      }
      const out = apply(payloads);
      out.depthUpdates.forEach((u: MarketDepthUpdate, k: number) => {
        if (!client.has(u.marketId)) client.takeFullBook(out.marketDepths[k] as never);
        else expect(client.applyUpdate(u)).to.equal('applied');
        expect(client.depth(u.marketId)).to.deep.equal(out.marketDepths[k]);
      });
      for (const marketId of [MARKET_A, MARKET_B]) {
        if (!client.has(marketId)) continue;
        const expected = [...live.values()].filter((o) => o.marketId === marketId);
        const volume = (side: number): bigint =>
          expected.filter((o) => o.side === side).reduce((n, o) => n + BigInt(o.remaining as string), 0n);
        const book = node.marketDepth(marketId);
        expect(book.buy.reduce((n, l) => n + BigInt(l.volume), 0n)).to.equal(volume(BUY));
        expect(book.sell.reduce((n, l) => n + BigInt(l.volume), 0n)).to.equal(volume(SELL));
        expect(lv(client.depth(marketId).buy)).to.deep.equal(lv(book.buy));
        expect(lv(client.depth(marketId).sell)).to.deep.equal(lv(book.sell));
      }
    }
    expect(id).to.be.greaterThan(50);
    expect(ACTIVE).to.equal(1);
  });
});
