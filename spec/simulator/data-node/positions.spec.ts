// Positions derived from hand-built trades and settlement events.
// Market A: price decimals 2, position decimals 1 (pf = 10), settlement asset with 4 decimals:
// a price of 1000 (10.00) is 100000 in asset decimals; PnL = Δasset price × volume / 10.
import { expect } from 'chai';
import { BusEventType, PositionStatus } from '../../../lib/codecs/index.js';
import type { Position } from '../../../lib/codecs/index.js';
import { DataNode } from '../../../lib/simulator/data-node/index.js';
import type { DataNodeBlock, DataNodeOptions } from '../../../lib/simulator/data-node/index.js';
import { ALICE, ASSET, BOB, CAROL, MARKET_A, SELL, asset, blockSequence, marketCreated, marketData, trade } from './support/builders.js';
import type { Json } from './support/builders.js';

const view = (p: Position | undefined): string[] =>
  p ? [p.openVolume, p.averageEntryPrice, p.realisedPnl, p.unrealisedPnl] : [];

describe('simulator/data-node: positions', () => {
  let node: DataNode;
  let next: ReturnType<typeof blockSequence>;
  const apply = (payloads: readonly Json[]): DataNodeBlock => node.apply(next(payloads));
  const of = (party: string): Position | undefined => node.positions({ partyId: party, marketId: MARKET_A })[0];
  const setUp = (options: DataNodeOptions = {}): void => {
    node = new DataNode(options);
    next = blockSequence();
    apply([asset(ASSET, 4), marketCreated(MARKET_A, 2, 1)]);
  };

  beforeEach(() => setUp());

  it('opens, flips sides with realised PnL on the closed part, and resets the entry price', () => {
    const b1 = apply([trade({ id: 't1', price: '1000', size: '10', buyer: ALICE, seller: BOB })]);
    expect(b1.positions.map((p) => p.partyId)).to.deep.equal([ALICE, BOB]);
    expect(view(of(ALICE))).to.deep.equal(['10', '1000', '0', '0']);
    expect(view(of(BOB))).to.deep.equal(['-10', '1000', '0', '0']);

    // ALICE sells 15 at 11.00: closes 10 (+10000 = 1.00 × 1.0 × 10^4), opens -5 at 11.00
    const b2 = apply([trade({ id: 't2', price: '1100', size: '15', buyer: BOB, seller: ALICE, aggressor: SELL })]);
    expect(view(of(ALICE))).to.deep.equal(['-5', '1100', '10000', '0']);
    expect(view(of(BOB))).to.deep.equal(['5', '1100', '-10000', '0']);
    expect(b2.positions.every((p) => p.updatedAt === b2.timeNs.toString())).to.equal(true);
  });

  it('marks open positions to the MARKET_DATA mark price (unrealised PnL), publishing only what changed', () => {
    apply([trade({ id: 't1', price: '1000', size: '10', buyer: ALICE, seller: BOB })]);
    apply([trade({ id: 't2', price: '1100', size: '15', buyer: BOB, seller: ALICE, aggressor: SELL })]);
    const marked = apply([marketData(MARKET_A, '1200')]);
    expect(marked.positions.map((p) => [p.partyId, p.unrealisedPnl])).to.deep.equal([
      [ALICE, '-5000'],
      [BOB, '5000'],
    ]);
    const same = apply([marketData(MARKET_A, '1200')]);
    expect(same.positions).to.deep.equal([]);
    expect(view(of(ALICE))).to.deep.equal(['-5', '1100', '10000', '-5000']);
  });

  it('marks only on settlement events when mark-to-market from market data is off (the strict real-node rule)', () => {
    setUp({ positions: { markToMarketFromMarketData: false } });
    apply([trade({ id: 't1', price: '1000', size: '10', buyer: ALICE, seller: BOB })]);
    expect(apply([marketData(MARKET_A, '1200')]).positions).to.deep.equal([]);
    const settled = apply([
      {
        type: BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION,
        settlePosition: { marketId: MARKET_A, partyId: ALICE, price: '120000', positionFactor: '10', tradeSettlements: [{ size: '10', price: '100000', marketPrice: '1000' }] },
      },
    ]);
    expect(settled.positions.map(view)).to.deep.equal([['10', '1000', '0', '20000']]);
  });

  it('averages entry prices by volume, rounding the printed values half away from zero', () => {
    apply([trade({ id: 't1', price: '100', size: '1', buyer: ALICE, seller: BOB })]);
    apply([trade({ id: 't2', price: '101', size: '2', buyer: ALICE, seller: BOB })]);
    expect(of(ALICE)?.averageEntryPrice).to.equal('101'); // 100.67
    // closing 1 at 1.04: (10400 − 10066.67) × 1 / 10 = 33.33
    apply([trade({ id: 't3', price: '104', size: '1', buyer: CAROL, seller: ALICE, aggressor: SELL })]);
    expect(view(of(ALICE))).to.deep.equal(['2', '101', '33', '67']);
  });

  it('uses the trade asset price when the core gives one', () => {
    apply([trade({ id: 't1', price: '1000', size: '10', buyer: ALICE, seller: BOB, assetPrice: '100000' })]);
    apply([trade({ id: 't2', price: '1000', size: '10', buyer: BOB, seller: ALICE, assetPrice: '150000' })]);
    expect(view(of(ALICE))).to.deep.equal(['0', '0', '50000', '0']);
  });

  it('books taker, maker and other fees for each side', () => {
    apply([
      trade({
        id: 't1',
        price: '1000',
        size: '10',
        buyer: ALICE,
        seller: BOB,
        buyerFee: { makerFee: '10', infrastructureFee: '2', liquidityFee: '3' },
      }),
    ]);
    const alice = of(ALICE) as Position;
    const bob = of(BOB) as Position;
    expect([alice.takerFeesPaid, alice.feesPaid, alice.makerFeesReceived, alice.takerFeesPaidSince]).to.deep.equal(['10', '5', '0', '10']);
    expect([bob.takerFeesPaid, bob.feesPaid, bob.makerFeesReceived, bob.makerFeesReceivedSince]).to.deep.equal(['0', '0', '10', '10']);
  });

  it('applies loss socialisation, distressed settlement and market settlement', () => {
    apply([trade({ id: 't1', price: '1000', size: '10', buyer: ALICE, seller: BOB })]);
    apply([{ type: BusEventType.BUS_EVENT_TYPE_LOSS_SOCIALIZATION, lossSocialization: { marketId: MARKET_A, partyId: ALICE, amount: '-300' } }]);
    // loss socialisation syncs the settled fields (none yet) over the pending ones, as the real node
    expect([of(ALICE)?.realisedPnl, of(ALICE)?.lossSocialisationAmount]).to.deep.equal(['-300', '300']);
    apply([
      {
        type: BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION,
        settlePosition: { marketId: MARKET_A, partyId: BOB, price: '100000', positionFactor: '10', tradeSettlements: [{ size: '-10', price: '100000', marketPrice: '1000' }] },
      },
    ]);
    const distressed = apply([{ type: BusEventType.BUS_EVENT_TYPE_SETTLE_DISTRESSED, settleDistressed: { marketId: MARKET_A, partyId: BOB, margin: '700', price: '100000' } }]);
    expect(distressed.positions.map((p) => [p.openVolume, p.realisedPnl, p.positionStatus])).to.deep.equal([
      ['0', '-700', PositionStatus.POSITION_STATUS_CLOSED_OUT],
    ]);
    apply([
      {
        type: BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION,
        settlePosition: { marketId: MARKET_A, partyId: CAROL, price: '100000', positionFactor: '10', tradeSettlements: [{ size: '4', price: '100000', marketPrice: '1000' }] },
      },
    ]);
    const settled = apply([{ type: BusEventType.BUS_EVENT_TYPE_SETTLE_MARKET, settleMarket: { marketId: MARKET_A, price: '125000', positionFactor: '10' } }]);
    expect(settled.positions.map((p) => [p.partyId, p.openVolume, p.realisedPnl, p.unrealisedPnl])).to.deep.equal([
      [ALICE, '0', '-300', '0'],
      [BOB, '0', '-700', '0'],
      [CAROL, '0', '10000', '0'],
    ]);
  });

  it('keeps open volumes summing to zero per market over a random run', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const parties = [ALICE, BOB, CAROL];
    for (let b = 0; b < 200; b++) {
      const payloads: Json[] = [];
      for (let k = rand(3); k > 0; k--) {
        const buyer = parties[rand(3)] as string;
        const seller = parties.filter((p) => p !== buyer)[rand(2)] as string;
        payloads.push(trade({ id: `t${b}-${k}`, price: String(900 + rand(200)), size: String(1 + rand(20)), buyer, seller }));
      }
      if (rand(4) === 0) payloads.push(marketData(MARKET_A, String(900 + rand(200))));
      apply(payloads);
      const positions = node.positions({ marketId: MARKET_A });
      expect(positions.reduce((n, p) => n + BigInt(p.openVolume), 0n)).to.equal(0n);
    }
    expect(node.positions()).to.have.length(3);
  });
});
