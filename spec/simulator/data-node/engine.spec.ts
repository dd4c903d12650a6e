// The data node over 1,000 blocks of the simulator's core engine (lib/simulator/engine), checked
// against the engine's authoritative books and positions. The engine is loaded dynamically (and
// the spec skipped when it has no `createEngine`), as it is being built in parallel.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { BusEventType, MarketTradingMode, OrderStatus, Side } from '../../../lib/codecs/index.js';
import type { MarketDepth, Order } from '../../../lib/codecs/index.js';
import type { CoreBlock, CoreBlockSource } from '../../../lib/simulator/core-block.js';
import { DataNode } from '../../../lib/simulator/data-node/index.js';
import { BookReplayer } from './support/book-replayer.js';

const ENGINE_INDEX = new URL('../../../lib/simulator/engine/index.ts', import.meta.url);
const BLOCKS = 1000;

/** What this spec uses of the engine (its `Engine` interface, typed structurally so the spec keeps compiling while the engine evolves). */
interface EngineLike extends CoreBlockSource {
  book(marketId: string): { bids: readonly EngineLevel[]; asks: readonly EngineLevel[] };
  positions(marketId?: string): readonly { marketId: string; partyId: string; openVolume: bigint }[];
}
interface EngineLevel {
  readonly price: bigint;
  readonly volume: bigint;
  readonly numberOfOrders: number;
}
type CreateEngine = (options?: Record<string, unknown>) => EngineLike;

async function loadCreateEngine(): Promise<CreateEngine | undefined> {
  if (!existsSync(ENGINE_INDEX)) return undefined;
  const mod = (await import(new URL('../../../lib/simulator/engine/index.js', import.meta.url).href)) as Record<string, unknown>;
  return typeof mod.createEngine === 'function' ? (mod.createEngine as CreateEngine) : undefined;
}

/** The book implied by the order events alone: live active orders' remaining volume per price. */
class EventBook {
  private readonly live = new Map<string, Order>();

  apply(order: Order): void {
    const onBook = order.status === OrderStatus.STATUS_ACTIVE && order.type !== 2 && order.timeInForce !== 3 && order.timeInForce !== 4;
    if (onBook && BigInt(order.remaining) > 0n) this.live.set(order.id, order);
    else this.live.delete(order.id);
  }

  levels(marketId: string, side: Side): string[] {
    const volume = new Map<string, [bigint, number]>();
    for (const o of this.live.values()) {
      if (o.marketId !== marketId || o.side !== side) continue;
      const [v, n] = volume.get(o.price) ?? [0n, 0];
      volume.set(o.price, [v + BigInt(o.remaining) + BigInt(o.icebergOrder?.reservedRemaining ?? '0'), n + 1]);
    }
    return [...volume.entries()]
      .sort(([a], [b]) => {
        const d = BigInt(a) - BigInt(b);
        const sign = d < 0n ? -1 : d > 0n ? 1 : 0;
        return side === Side.SIDE_BUY ? -sign : sign;
      })
      .map(([price, [v, n]]) => `${price}:${v}:${n}`);
  }
}

const levels = (depth: MarketDepth, side: 'buy' | 'sell'): string[] => depth[side].map((l) => `${l.price}:${l.volume}:${l.numberOfOrders}`);
const engineLevels = (ls: readonly EngineLevel[]): string[] => ls.map((l) => `${l.price}:${l.volume}:${l.numberOfOrders}`);

describe('simulator/data-node: over the core engine', function () {
  this.timeout(120_000);
  let createEngine: CreateEngine | undefined;

  before(async function () {
    createEngine = await loadCreateEngine();
    if (!createEngine) this.skip();
  });

  it(`keeps depth updates chained and equal to the engine's book, and positions flat per market, over ${BLOCKS} blocks`, () => {
    const engine = (createEngine as CreateEngine)({ seed: 42 });
    const node = new DataNode();
    const client = new BookReplayer();
    const events = new EventBook();
    let lastSeq = 0n;
    let updates = 0;
    for (let i = 0; i < BLOCKS; i++) {
      const block: CoreBlock | undefined = engine.nextBlock();
      if (!block) break;
      for (const e of block.events) if (e.type === BusEventType.BUS_EVENT_TYPE_ORDER && e.order) events.apply(e.order);
      const out = node.apply(block);
      out.depthUpdates.forEach((u, k) => {
        const full = out.marketDepths[k] as MarketDepth;
        expect(BigInt(u.sequenceNumber) > lastSeq).to.equal(true);
        lastSeq = BigInt(u.sequenceNumber);
        if (!client.has(u.marketId)) client.takeFullBook(full);
        else expect(client.applyUpdate(u)).to.equal('applied');
        expect(client.depth(u.marketId)).to.deep.equal(full);
        updates += 1;
      });
      for (const marketId of node.marketIds()) {
        const depth = node.marketDepth(marketId);
        expect(levels(depth, 'buy'), `buy side of ${marketId} at block ${block.height}`).to.deep.equal(events.levels(marketId, Side.SIDE_BUY));
        expect(levels(depth, 'sell'), `sell side of ${marketId} at block ${block.height}`).to.deep.equal(events.levels(marketId, Side.SIDE_SELL));
        const book = engine.book(marketId);
        expect(levels(depth, 'buy'), `engine bids of ${marketId} at block ${block.height}`).to.deep.equal(engineLevels(book.bids));
        expect(levels(depth, 'sell'), `engine asks of ${marketId} at block ${block.height}`).to.deep.equal(engineLevels(book.asks));
        const [bid, ask] = [depth.buy[0], depth.sell[0]];
        const continuous = node.marketData(marketId)?.marketTradingMode === MarketTradingMode.TRADING_MODE_CONTINUOUS;
        if (continuous && bid && ask) expect(BigInt(bid.price) < BigInt(ask.price), `crossed book in ${marketId}`).to.equal(true);
      }
      const sums = new Map<string, bigint>();
      for (const p of node.positions()) sums.set(p.marketId, (sums.get(p.marketId) ?? 0n) + BigInt(p.openVolume));
      for (const [marketId, sum] of sums) expect(sum, `open volume of ${marketId} at block ${block.height}`).to.equal(0n);
      for (const p of engine.positions()) {
        const [mine] = node.positions({ marketId: p.marketId, partyId: p.partyId });
        expect(mine?.openVolume ?? '0', `position of ${p.partyId} in ${p.marketId}`).to.equal(p.openVolume.toString());
      }
    }
    expect(updates).to.be.greaterThan(0);
  });
});
