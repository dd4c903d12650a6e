import { expect } from 'chai';
import {
  AccountType,
  MarketDepthUpdateCodec,
  ObserveOrdersResponseCodec,
  OrderStatus,
  PositionCodec,
  Side,
  TradeCodec,
  decodeOrThrow,
  isVegaId,
  proto,
} from '../../lib/index.js';
import {
  BASE_TIME_NS,
  COUNTERPARTY_ID,
  DEFAULT_MARKET_ID,
  DEFAULT_PARTY_ID,
  account,
  depth,
  depthUpdate,
  marketData,
  order,
  ordersSnapshotPages,
  pages,
  position,
  priceLevel,
  seededRandom,
  timeNs,
  trade,
  vegaId,
} from '../../lib/testing/index.js';

describe('testing: builders', () => {
  it('makes deterministic 64-hex ids, different for different labels', () => {
    expect(vegaId('a')).to.equal(vegaId('a')).and.not.equal(vegaId('b'));
    for (const id of [vegaId('a'), DEFAULT_MARKET_ID, DEFAULT_PARTY_ID, COUNTERPARTY_ID]) expect(isVegaId(id), id).to.equal(true);
  });

  it('writes times in nanoseconds from the base block time', () => {
    expect(timeNs()).to.equal(BASE_TIME_NS);
    expect(timeNs(1500)).to.equal('1700000001500000000');
  });

  it('builds a trade with realistic defaults that survives the stream encoding round trip', () => {
    const built = trade({ size: '3' });
    expect(built).to.include({ marketId: DEFAULT_MARKET_ID, price: '100000', size: '3', buyer: DEFAULT_PARTY_ID, seller: COUNTERPARTY_ID, aggressor: Side.SIDE_BUY });
    expect([built.id, built.buyOrder, built.sellOrder].every(isVegaId)).to.equal(true);
    expect(trade({ size: '4' }).id).to.not.equal(built.id);
    expect(decodeOrThrow(TradeCodec, proto.encodeStream(TradeCodec, built), 'spec')).to.deep.equal(built);
  });

  it('fills an order\'s remaining from its size, or 0 when filled', () => {
    expect(order({ size: '8' }).remaining).to.equal('8');
    expect(order({ size: '8', status: OrderStatus.STATUS_FILLED }).remaining).to.equal('0');
    expect(isVegaId(order().id)).to.equal(true);
  });

  it('writes decimal strings of positions as "0", not left out, and enums as numbers', () => {
    expect(proto.encodeStream(PositionCodec, position())).to.include({ realisedPnl: '0', unrealisedPnl: '0', openVolume: '1' });
    expect(account()).to.include({ owner: DEFAULT_PARTY_ID, type: AccountType.ACCOUNT_TYPE_GENERAL, marketId: '' });
  });

  it('encodes a removed book level as just its price', () => {
    const update = depthUpdate({ sequenceNumber: '20', previousSequenceNumber: '10', buy: [priceLevel(123, 0)], sell: [priceLevel('124', 5n, 2)] });
    expect(proto.encodeStream(MarketDepthUpdateCodec, update)).to.deep.equal({
      marketId: DEFAULT_MARKET_ID,
      buy: [{ price: '123' }],
      sell: [{ price: '124', numberOfOrders: '2', volume: '5' }],
      sequenceNumber: '20',
      previousSequenceNumber: '10',
    });
    expect(depth().sequenceNumber).to.equal(BASE_TIME_NS);
  });

  it('computes mid prices of market data exactly from the best prices', () => {
    const big = marketData({ bestBidPrice: '90000000000000000001', bestOfferPrice: '90000000000000000003' });
    expect(big).to.include({ midPrice: '90000000000000000002', staticMidPrice: '90000000000000000002', bestStaticBidPrice: '90000000000000000001' });
    expect(marketData({ bestBidPrice: '' }).midPrice).to.equal('');
  });

  it('pages snapshots by 50 with lastPage on the last page only, and at least one page', () => {
    const orders = Array.from({ length: 120 }, (_, i) => order({ price: String(1000 + i) }));
    expect(pages(orders).map((p) => p.length)).to.deep.equal([50, 50, 20]);
    expect(pages([])).to.deep.equal([[]]);
    const frames = ordersSnapshotPages(orders);
    expect(frames.map((f) => f.result.snapshot?.lastPage)).to.deep.equal([false, false, true]);
    const wire = frames.map((f) => proto.encodeStream(ObserveOrdersResponseCodec, f.result) as { snapshot: Record<string, unknown> });
    expect(wire.map((w) => 'lastPage' in w.snapshot)).to.deep.equal([false, false, true]);
    expect(ordersSnapshotPages([])).to.deep.equal([{ result: { snapshot: { orders: [], lastPage: true } } }]);
  });

  it('re-exports seededRandom', () => {
    expect([seededRandom(7)(), seededRandom(7)()]).to.satisfy(([a, b]: number[]) => a === b);
  });
});
