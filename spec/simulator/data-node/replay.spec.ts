// The data node driven by the real recorded event stream (vendor/vega-v0.79/recordings), checked
// against the events themselves and against the real v0.79 data node's golden outputs for the same
// recording (spec/fixtures/samples/*__vega-golden-gql.json).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  AccountBalanceCodec,
  BusEventType,
  CandleCodec,
  MarketDepthCodec,
  MarketDepthUpdateCodec,
  OrderCodec,
  PositionCodec,
  TradeCodec,
} from '../../../lib/codecs/index.js';
import type { BusEvent, MarketDepth, Order, Trade } from '../../../lib/codecs/index.js';
import { DataNode, toAccountBalance, toDataNodeOrder, toDataNodeTrade } from '../../../lib/simulator/data-node/index.js';
import type { DataNodeBlock } from '../../../lib/simulator/data-node/index.js';
import { candleId } from '../../../lib/wire/candle-id.js';
import { BookReplayer } from './support/book-replayer.js';
import { recordedBlocks } from './support/recording.js';
import type { CoreBlock } from '../../../lib/simulator/core-block.js';

const SAMPLES = new URL('../../fixtures/samples/', import.meta.url);

interface Run {
  readonly blocks: CoreBlock[];
  readonly outputs: DataNodeBlock[];
  /** Snapshot of every market's REST depth after each block. */
  readonly restDepths: Map<string, MarketDepth>[];
  readonly node: DataNode;
}

function run(): Run {
  const blocks = recordedBlocks();
  const node = new DataNode();
  const outputs: DataNodeBlock[] = [];
  const restDepths: Map<string, MarketDepth>[] = [];
  for (const block of blocks) {
    outputs.push(node.apply(block));
    restDepths.push(new Map(node.marketIds().map((id) => [id, node.marketDepth(id)])));
  }
  return { blocks, outputs, restDepths, node };
}

const eventsOf = (block: CoreBlock, type: BusEventType): BusEvent[] => block.events.filter((e) => e.type === type);

describe('simulator/data-node: replay of the recorded event stream', () => {
  let r: Run;
  before(() => {
    r = run();
  });

  it('reads the whole recording: 6,964 events in 1,087 blocks', () => {
    expect(r.blocks.length).to.equal(1087);
    expect(r.blocks.reduce((n, b) => n + b.events.length, 0)).to.equal(6964);
    expect(r.outputs.map((o) => o.busEvents.length)).to.deep.equal(r.blocks.map((b) => b.events.length));
  });

  it('publishes every trade, in event order, as the data node re-prints it', () => {
    let count = 0;
    r.blocks.forEach((block, i) => {
      const expected = eventsOf(block, BusEventType.BUS_EVENT_TYPE_TRADE).map((e) => toDataNodeTrade(e.trade as Trade, block.timeNs));
      const got = (r.outputs[i] as DataNodeBlock).trades;
      expect(got).to.deep.equal(expected);
      for (const t of got) {
        expect(t.timestamp).to.equal(block.timeNs.toString());
        expect(t.buyerFee && Object.keys(t.buyerFee)).to.have.length(12);
        expect(TradeCodec.decode(t)._tag).to.equal('Right');
      }
      count += got.length;
    });
    expect(count).to.equal(4);
  });

  it('publishes the last state of each (order id, version) of a block, as the events left it (times in µs)', () => {
    let count = 0;
    r.blocks.forEach((block, i) => {
      const last = new Map<string, Order>();
      for (const e of eventsOf(block, BusEventType.BUS_EVENT_TYPE_ORDER)) {
        const o = toDataNodeOrder(e.order as Order);
        last.delete(`${o.id}/${o.version}`);
        last.set(`${o.id}/${o.version}`, o);
      }
      const got = (r.outputs[i] as DataNodeBlock).orders;
      expect(got).to.deep.equal([...last.values()]);
      for (const o of got) expect(OrderCodec.decode(o)._tag).to.equal('Right');
      count += got.length;
    });
    expect(count).to.be.greaterThan(30);
  });

  it('keeps as live exactly the orders whose last event left them active or parked', () => {
    const last = new Map<string, Order>();
    for (const block of r.blocks) for (const e of eventsOf(block, BusEventType.BUS_EVENT_TYPE_ORDER)) last.set((e.order as Order).id, e.order as Order);
    const live = [...last.values()].filter((o) => o.status === 1 || o.status === 8).map((o) => o.id).sort();
    expect(r.node.liveOrders().map((o) => o.id).sort()).to.deep.equal(live);
    const lp = r.node.liveOrders({ excludeLiquidity: true });
    expect(lp.every((o) => o.liquidityProvisionId === '')).to.equal(true);
    const market = r.node.marketIds()[0] as string;
    expect(r.node.liveOrders({ marketIds: [market] }).every((o) => o.marketId === market)).to.equal(true);
  });

  it('account balances: per block the last ACCOUNT event of each account, converted; at the end the last one', () => {
    const finalByKey = new Map<string, ReturnType<typeof toAccountBalance>>();
    r.blocks.forEach((block, i) => {
      const last = new Map<string, ReturnType<typeof toAccountBalance>>();
      for (const e of eventsOf(block, BusEventType.BUS_EVENT_TYPE_ACCOUNT)) {
        const b = toAccountBalance(e.account as NonNullable<BusEvent['account']>);
        const k = `${b.owner}/${b.asset}/${b.marketId}/${b.type}`;
        last.delete(k);
        last.set(k, b);
        finalByKey.set(k, b);
      }
      expect((r.outputs[i] as DataNodeBlock).accounts).to.deep.equal([...last.values()]);
    });
    const all = r.node.accountBalances();
    expect(all).to.have.length(finalByKey.size);
    expect(new Set(all)).to.deep.equal(new Set(finalByKey.values()));
    expect(all.some((b) => b.owner === 'network')).to.equal(true);
    expect(all.every((b) => b.owner !== '*' && b.marketId !== '!')).to.equal(true);
    for (const b of all) expect(AccountBalanceCodec.decode(b)._tag).to.equal('Right');
    expect(r.node.accountBalances({ partyId: 'network' }).every((b) => b.owner === 'network')).to.equal(true);
  });

  it('passes market data, margin levels, ledger movements, votes, proposals and transaction results through', () => {
    r.blocks.forEach((block, i) => {
      const out = r.outputs[i] as DataNodeBlock;
      expect(out.marketData).to.deep.equal(eventsOf(block, BusEventType.BUS_EVENT_TYPE_MARKET_DATA).map((e) => e.marketData));
      expect(out.votes).to.deep.equal(eventsOf(block, BusEventType.BUS_EVENT_TYPE_VOTE).map((e) => e.vote));
      expect(out.transactionResults).to.deep.equal(
        eventsOf(block, BusEventType.BUS_EVENT_TYPE_TRANSACTION_RESULT).map((e) => e.transactionResult),
      );
      expect(out.ledgerMovements).to.deep.equal(
        eventsOf(block, BusEventType.BUS_EVENT_TYPE_LEDGER_MOVEMENTS).flatMap((e) => e.ledgerMovements?.ledgerMovements ?? []),
      );
      expect(out.governance.map((g) => g.proposal)).to.deep.equal(
        eventsOf(block, BusEventType.BUS_EVENT_TYPE_PROPOSAL).map((e) => e.proposal),
      );
      expect(out.marginLevels.length).to.be.at.most(eventsOf(block, BusEventType.BUS_EVENT_TYPE_MARGIN_LEVELS).length);
    });
    const total = (f: (o: DataNodeBlock) => readonly unknown[]): number => r.outputs.reduce((n, o) => n + f(o).length, 0);
    expect(total((o) => o.marketData)).to.equal(867);
    expect(total((o) => o.votes)).to.equal(20);
    expect(total((o) => o.governance)).to.equal(34);
    expect(r.node.markets()).to.have.length(3);
    expect(r.node.proposals().length).to.be.greaterThan(0);
  });

  it('depth sequence numbers: global and increasing, shared by the depth and update of a market, chained per market', () => {
    const lastPerMarket = new Map<string, bigint>();
    let lastGlobal = 0n;
    let updates = 0;
    r.blocks.forEach((block, i) => {
      const out = r.outputs[i] as DataNodeBlock;
      expect(out.depthUpdates.map((u) => u.marketId)).to.deep.equal(out.marketDepths.map((d) => d.marketId));
      const base = block.timeNs - (block.timeNs % 1000n);
      out.depthUpdates.forEach((u, k) => {
        const seq = BigInt(u.sequenceNumber);
        expect(u.sequenceNumber).to.equal((out.marketDepths[k] as MarketDepth).sequenceNumber);
        expect(seq > lastGlobal, 'increasing across markets and blocks').to.equal(true);
        expect(seq - base > 0n && seq - base <= BigInt(block.events.length)).to.equal(true);
        expect(BigInt(u.previousSequenceNumber)).to.equal(lastPerMarket.get(u.marketId) ?? 0n);
        lastPerMarket.set(u.marketId, seq);
        lastGlobal = seq;
        expect(MarketDepthUpdateCodec.decode(u)._tag).to.equal('Right');
        updates += 1;
      });
    });
    expect(updates).to.be.greaterThan(10);
  });

  it('replaying the updates on the first full book reproduces the authoritative book after every block', () => {
    const fromFirstFull = new BookReplayer();
    const fromNothing = new BookReplayer();
    r.blocks.forEach((_, i) => {
      const out = r.outputs[i] as DataNodeBlock;
      out.depthUpdates.forEach((u, k) => {
        const full = out.marketDepths[k] as MarketDepth;
        if (!fromFirstFull.has(u.marketId)) fromFirstFull.takeFullBook(full);
        else expect(fromFirstFull.applyUpdate(u)).to.equal('applied');
        if (!fromNothing.has(u.marketId)) fromNothing.startEmpty(u.marketId);
        expect(fromNothing.applyUpdate(u)).to.equal('applied');
        expect(fromFirstFull.depth(u.marketId)).to.deep.equal(full);
        expect(fromNothing.depth(u.marketId)).to.deep.equal(full);
        expect(MarketDepthCodec.decode(full)._tag).to.equal('Right');
      });
      for (const [marketId, rest] of r.restDepths[i] as Map<string, MarketDepth>) {
        if (!fromFirstFull.has(marketId)) continue;
        const client = fromFirstFull.depth(marketId);
        expect(client.buy).to.deep.equal(rest.buy);
        expect(client.sell).to.deep.equal(rest.sell);
      }
    });
  });

  it('matches the real v0.79 data node: final books and sequence numbers (golden TestMarkets_MarketDepth)', () => {
    const golden = JSON.parse(readFileSync(new URL('markets-depth__vega-golden-gql.json', SAMPLES), 'utf8')) as {
      Result: { marketsConnection: { edges: { node: { id: string; depth: { buy: unknown[] | null; sell: unknown[] | null; sequenceNumber: string } } }[] } };
    };
    const levels = (ls: readonly { price: string; volume: string; numberOfOrders: string }[]): string[] =>
      ls.map((l) => `${l.price}:${l.volume}:${l.numberOfOrders}`);
    for (const { node: market } of golden.Result.marketsConnection.edges) {
      const mine = r.node.marketDepth(market.id);
      expect(mine.sequenceNumber, market.id).to.equal(market.depth.sequenceNumber);
      expect(levels(mine.buy)).to.deep.equal(levels((market.depth.buy ?? []) as never));
      expect(levels(mine.sell)).to.deep.equal(levels((market.depth.sell ?? []) as never));
    }
  });

  it('matches the real v0.79 data node: every position (golden TestPositions_Positions)', () => {
    const golden = JSON.parse(readFileSync(new URL('positions__vega-golden-gql.json', SAMPLES), 'utf8')) as {
      Result: { partiesConnection: { edges: { node: { positionsConnection: { edges: { node: Record<string, unknown> }[] | null } } }[] } };
    };
    const expected = golden.Result.partiesConnection.edges.flatMap((e) => (e.node.positionsConnection.edges ?? []).map((x) => x.node)) as {
      market: { id: string };
      party: { id: string };
      openVolume: string;
      realisedPNL: string;
      unrealisedPNL: string;
      averageEntryPrice: string;
      updatedAt: string;
    }[];
    expect(r.node.positions()).to.have.length(expected.length);
    for (const g of expected) {
      const [mine] = r.node.positions({ partyId: g.party.id, marketId: g.market.id });
      expect(mine, `${g.party.id} in ${g.market.id}`).to.not.equal(undefined);
      if (!mine) continue;
      expect([mine.openVolume, mine.realisedPnl, mine.unrealisedPnl, mine.averageEntryPrice]).to.deep.equal([
        g.openVolume,
        g.realisedPNL,
        g.unrealisedPNL,
        g.averageEntryPrice,
      ]);
      // the golden comes from Postgres: microseconds
      const micros = BigInt(mine.updatedAt) / 1000n;
      const iso = new Date(Number(micros / 1000n)).toISOString().replace(/\.\d{3}Z$/, '');
      expect(g.updatedAt).to.equal(`${iso}.${(micros % 1_000_000n).toString().padStart(6, '0')}Z`);
      expect(PositionCodec.decode(mine)._tag).to.equal('Right');
    }
  });

  it('position open volumes sum to zero per market after every block', () => {
    const open = new Map<string, { marketId: string; volume: bigint }>();
    let checked = 0;
    for (const out of r.outputs) {
      for (const p of out.positions) open.set(`${p.marketId}/${p.partyId}`, { marketId: p.marketId, volume: BigInt(p.openVolume) });
      const sums = new Map<string, bigint>();
      for (const { marketId, volume } of open.values()) sums.set(marketId, (sums.get(marketId) ?? 0n) + volume);
      for (const sum of sums.values()) expect(sum).to.equal(0n);
      if (out.positions.length > 0) checked += 1;
    }
    expect(checked).to.be.greaterThan(3);
  });

  it('candles agree with the trades: OHLC, volume, notional, bucket starts', () => {
    const trades = r.outputs.flatMap((o) => o.trades);
    const markets = new Set(trades.map((t) => t.marketId));
    for (const marketId of markets) {
      const mine = trades.filter((t) => t.marketId === marketId);
      for (const interval of ['1_minute', '1_hour', '1_day', '7_days'] as const) {
        const candles = r.node.candles(candleId(marketId, interval)) ?? [];
        const real = candles.filter((c) => c.open !== '');
        const volume = real.reduce((n, c) => n + BigInt(c.volume), 0n);
        expect(volume).to.equal(mine.reduce((n, t) => n + BigInt(t.size), 0n));
        const notional = real.reduce((n, c) => n + BigInt(c.notional), 0n);
        expect(notional).to.equal(mine.reduce((n, t) => n + BigInt(t.size) * BigInt(t.price), 0n));
        const prices = mine.map((t) => BigInt(t.price));
        expect(real.map((c) => BigInt(c.high)).reduce((a, b) => (a > b ? a : b))).to.equal(prices.reduce((a, b) => (a > b ? a : b)));
        expect(real.map((c) => BigInt(c.low)).reduce((a, b) => (a < b ? a : b))).to.equal(prices.reduce((a, b) => (a < b ? a : b)));
        for (const c of candles) expect(CandleCodec.decode(c)._tag).to.equal('Right');
      }
      const block = r.node.candles(candleId(marketId, 'block')) ?? [];
      expect(block).to.have.length(new Set(mine.map((t) => t.timestamp)).size);
    }
    const published = r.outputs.flatMap((o) => o.candles);
    expect(published.length).to.equal(trades.length * 12);
  });
});
