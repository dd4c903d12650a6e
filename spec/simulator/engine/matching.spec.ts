import { expect } from 'chai';
import {
  BusEventType,
  OrderError,
  OrderStatus,
  OrderTimeInForce,
  Side,
  TransferType,
} from '../../../lib/codecs/index.js';
import { harness, lastOrder, ordersOf, tradesOf, txEvents } from './support/harness.js';

const BUY = Side.SIDE_BUY;
const SELL = Side.SIDE_SELL;

describe('simulator engine: matching', () => {
  it('fills the best price first, then the oldest order at that price (price-time priority)', () => {
    const h = harness();
    const [a, b, c, d] = h.p as [string, string, string, string];
    const far = h.limit(a, SELL, 60002, 1);
    const first = h.limit(b, SELL, 60001, 1);
    const second = h.limit(c, SELL, 60001, 1);
    h.next();
    const agg = h.market_(d, BUY, 2);
    const block = h.next();
    const trades = tradesOf(txEvents(block, agg.txHash));
    expect(trades.map((t) => t.sellOrder)).to.deep.equal([first.orderId, second.orderId]);
    expect(trades.every((t) => t.price === h.price(60001).toString() && t.aggressor === BUY && t.buyer === d)).to.equal(true);
    expect(lastOrder(block, agg.orderId as string)?.status).to.equal(OrderStatus.STATUS_FILLED);
    expect(lastOrder(block, first.orderId as string)?.status).to.equal(OrderStatus.STATUS_FILLED);
    expect(h.engine.order(far.orderId as string)?.status).to.equal(OrderStatus.STATUS_ACTIVE);
    expect(h.engine.book(h.market.id).asks.map((l) => l.price)).to.deep.equal([h.price(60002)]);
  });

  it('partially fills a resting order, which stays ACTIVE with the rest', () => {
    const h = harness();
    const [a, b] = h.p as [string, string];
    const rest = h.limit(a, SELL, 60000, 3);
    h.next();
    const take = h.limit(b, BUY, 60000, 1);
    const block = h.next();
    const events = txEvents(block, take.txHash);
    const [trade] = tradesOf(events);
    expect(trade?.size).to.equal(h.lots(1).toString());
    const passive = ordersOf(events).find((o) => o.id === rest.orderId);
    expect(passive?.status).to.equal(OrderStatus.STATUS_ACTIVE);
    expect(passive?.remaining).to.equal(h.lots(2).toString());
    expect(passive?.updatedAt).to.equal(block.timeNs.toString());
    expect(ordersOf(events).find((o) => o.id === take.orderId)?.status).to.equal(OrderStatus.STATUS_FILLED);
    expect(h.engine.book(h.market.id).asks).to.deep.equal([{ price: h.price(60000), volume: h.lots(2), numberOfOrders: 1 }]);
    // the aggressor pays every fee, the passive side none
    expect(trade?.buyerFee?.makerFee).to.equal('120000'); // 600 USDT x 0.0002, USDT has 6 decimals
    expect(trade?.buyerFee?.infrastructureFee).to.equal('300000');
    expect(trade?.buyerFee?.liquidityFee).to.equal('60000');
    expect(trade?.sellerFee?.makerFee).to.equal('0');
    const makerFee = events
      .flatMap((e) => e.ledgerMovements?.ledgerMovements ?? [])
      .flatMap((m) => m.entries)
      .find((e) => e.type === TransferType.TRANSFER_TYPE_MAKER_FEE_RECEIVE);
    expect(makerFee?.toAccount?.owner).to.equal(a);
    expect(makerFee?.amount).to.equal('120000');
  });

  it('an IOC order leaves its unfilled rest PARTIALLY_FILLED, or is STOPPED when nothing fills', () => {
    const h = harness();
    const [a, b] = h.p as [string, string];
    h.limit(a, SELL, 60000, 1);
    h.next();
    const ioc = h.limit(b, BUY, 60000, 3, { timeInForce: OrderTimeInForce.TIME_IN_FORCE_IOC });
    const miss = h.limit(b, BUY, 59000, 1, { timeInForce: OrderTimeInForce.TIME_IN_FORCE_IOC });
    const block = h.next();
    const partial = lastOrder(block, ioc.orderId as string);
    expect(partial?.status).to.equal(OrderStatus.STATUS_PARTIALLY_FILLED);
    expect(partial?.remaining).to.equal(h.lots(2).toString());
    expect(lastOrder(block, miss.orderId as string)?.status).to.equal(OrderStatus.STATUS_STOPPED);
    expect(h.engine.book(h.market.id)).to.deep.include({ bids: [], asks: [] });
  });

  it('a FOK order fills completely or not at all', () => {
    const h = harness();
    const [a, b] = h.p as [string, string];
    const rest = h.limit(a, SELL, 60000, 1);
    h.next();
    const tooBig = h.market_(b, BUY, 2, OrderTimeInForce.TIME_IN_FORCE_FOK);
    let block = h.next();
    expect(tradesOf(block.events)).to.have.length(0);
    expect(ordersOf(block.events).map((o) => [o.id, o.status])).to.deep.equal([[tooBig.orderId, OrderStatus.STATUS_STOPPED]]);
    const fits = h.market_(b, BUY, 1, OrderTimeInForce.TIME_IN_FORCE_FOK);
    block = h.next();
    expect(lastOrder(block, fits.orderId as string)?.status).to.equal(OrderStatus.STATUS_FILLED);
    expect(lastOrder(block, rest.orderId as string)?.status).to.equal(OrderStatus.STATUS_FILLED);
  });

  describe('amendments keep or lose time priority as Vega does', () => {
    function queue(amend: (h: ReturnType<typeof harness>, id: string) => void): { first: string; h: ReturnType<typeof harness>; a: string; b: string } {
      const h = harness();
      const [a, b, c] = h.p as [string, string, string];
      const ra = h.limit(a, SELL, 60000, 2);
      const rb = h.limit(b, SELL, 60000, 2);
      h.next();
      amend(h, ra.orderId as string);
      h.next();
      const take = h.market_(c, BUY, 1);
      const block = h.next();
      const [trade] = tradesOf(txEvents(block, take.txHash));
      return { first: trade?.sellOrder ?? '', h, a: ra.orderId as string, b: rb.orderId as string };
    }

    it('a size decrease keeps it', () => {
      const r = queue((h, id) => h.engine.submit({ kind: 'amendOrder', partyId: h.p[0] as string, marketId: h.market.id, orderId: id, sizeDelta: -h.lots(1) }));
      expect(r.first).to.equal(r.a);
    });

    it('a size increase loses it', () => {
      const r = queue((h, id) => h.engine.submit({ kind: 'amendOrder', partyId: h.p[0] as string, marketId: h.market.id, orderId: id, sizeDelta: h.lots(1) }));
      expect(r.first).to.equal(r.b);
    });

    it('a price change loses it (even back to the same price)', () => {
      const r = queue((h, id) => {
        h.engine.submit({ kind: 'amendOrder', partyId: h.p[0] as string, marketId: h.market.id, orderId: id, price: h.price(60001) });
        h.engine.submit({ kind: 'amendOrder', partyId: h.p[0] as string, marketId: h.market.id, orderId: id, price: h.price(60000) });
      });
      expect(r.first).to.equal(r.b);
      expect(r.h.engine.order(r.a)?.version).to.equal('3');
    });

    it('an amendment that leaves nothing to trade cancels the order', () => {
      const h = harness();
      const o = h.limit(h.p[0] as string, SELL, 60000, 1);
      h.next();
      h.engine.submit({ kind: 'amendOrder', partyId: h.p[0] as string, marketId: h.market.id, orderId: o.orderId as string, sizeDelta: -h.lots(1) });
      const block = h.next();
      expect(lastOrder(block, o.orderId as string)?.status).to.equal(OrderStatus.STATUS_CANCELLED);
      expect(h.engine.liveOrders()).to.have.length(0);
    });

    it('an amendment crossing the spread trades as an aggressor', () => {
      const h = harness();
      const [a, b] = h.p as [string, string];
      h.limit(a, SELL, 60005, 1);
      const bid = h.limit(b, BUY, 60000, 1);
      h.next();
      const amend = h.engine.submit({ kind: 'amendOrder', partyId: b, marketId: h.market.id, orderId: bid.orderId as string, price: h.price(60005) });
      const block = h.next();
      const [trade] = tradesOf(txEvents(block, amend.txHash));
      expect(trade?.aggressor).to.equal(BUY);
      expect(trade?.price).to.equal(h.price(60005).toString());
      const o = lastOrder(block, bid.orderId as string);
      expect([o?.status, o?.version]).to.deep.equal([OrderStatus.STATUS_FILLED, '2']);
    });
  });

  it('expires a GTT order at the first block at or after its expiry', () => {
    const h = harness();
    const step = h.engine.stepNs;
    const expiresAt = h.engine.timeNs + 2n * step;
    const gtt = h.limit(h.p[0] as string, BUY, 59000, 1, { timeInForce: OrderTimeInForce.TIME_IN_FORCE_GTT, expiresAt });
    h.next();
    expect(h.engine.order(gtt.orderId as string)?.status).to.equal(OrderStatus.STATUS_ACTIVE);
    const block = h.next();
    expect(block.timeNs).to.equal(expiresAt);
    const expired = lastOrder(block, gtt.orderId as string);
    expect(expired?.status).to.equal(OrderStatus.STATUS_EXPIRED);
    expect(expired?.updatedAt).to.equal(block.timeNs.toString());
    expect(block.events.find((e) => e.order?.id === gtt.orderId)?.txHash).to.equal(block.hash.toUpperCase());
    expect(h.engine.liveOrders()).to.have.length(0);
  });

  it('stops an order that would trade with its own party (wash trade)', () => {
    const h = harness();
    const a = h.p[0] as string;
    const rest = h.limit(a, SELL, 60000, 1);
    h.next();
    const wash = h.limit(a, BUY, 60000, 1);
    const block = h.next();
    const o = lastOrder(block, wash.orderId as string);
    expect([o?.status, o?.reason]).to.deep.equal([OrderStatus.STATUS_STOPPED, OrderError.ORDER_ERROR_SELF_TRADING]);
    expect(tradesOf(block.events)).to.have.length(0);
    expect(h.engine.order(rest.orderId as string)?.remaining).to.equal(h.lots(1).toString());
  });

  it('rejects a post-only order that would trade, and an order the party cannot margin', () => {
    const h = harness();
    const [a, b] = h.p as [string, string];
    h.limit(a, SELL, 60000, 1);
    h.next();
    const post = h.limit(b, BUY, 60000, 1, { postOnly: true });
    const huge = h.limit(b, BUY, 50000, 1_000_000);
    const block = h.next();
    for (const [r, reason, text] of [
      [post, OrderError.ORDER_ERROR_POST_ONLY_ORDER_WOULD_TRADE, 'OrderError: post only order would trade'],
      [huge, OrderError.ORDER_ERROR_MARGIN_CHECK_FAILED, 'OrderError: Margin Check Failed'],
    ] as const) {
      const events = txEvents(block, r.txHash);
      const o = ordersOf(events)[0];
      expect([o?.status, o?.reason]).to.deep.equal([OrderStatus.STATUS_REJECTED, reason]);
      const result = events.at(-1)?.transactionResult;
      expect(result?.status).to.equal(false);
      expect(result?.failure?.error).to.equal(text);
    }
    expect(h.engine.liveOrders()).to.have.length(1);
  });

  it('cancels one order, refuses another party\'s, and cancels all of a party\'s orders in a market', () => {
    const h = harness();
    const [a, b] = h.p as [string, string];
    const o1 = h.limit(a, SELL, 60001, 1);
    h.limit(a, SELL, 60002, 1);
    h.limit(a, BUY, 59000, 1);
    h.next();
    const wrong = h.engine.submit({ kind: 'cancelOrder', partyId: b, marketId: h.market.id, orderId: o1.orderId as string });
    const one = h.engine.submit({ kind: 'cancelOrder', partyId: a, marketId: h.market.id, orderId: o1.orderId as string });
    let block = h.next();
    expect(txEvents(block, wrong.txHash).at(-1)?.transactionResult?.failure?.error).to.equal('OrderError: Invalid Party ID');
    expect(ordersOf(txEvents(block, one.txHash)).map((o) => o.status)).to.deep.equal([OrderStatus.STATUS_CANCELLED]);
    const all = h.engine.submit({ kind: 'cancelOrder', partyId: a, marketId: h.market.id });
    block = h.next();
    expect(ordersOf(txEvents(block, all.txHash)).map((o) => o.status)).to.deep.equal([OrderStatus.STATUS_CANCELLED, OrderStatus.STATUS_CANCELLED]);
    expect(h.engine.liveOrders()).to.have.length(0);
  });

  it('keeps positions, average entry price and realised / unrealised PnL, settled to the mark price', () => {
    const h = harness();
    const [a, b, c] = h.p as [string, string, string];
    const m = h.market.id;
    h.limit(a, SELL, 60000, 2);
    h.next();
    h.limit(b, BUY, 60000, 2); // b is long 0.02 BTC at 60000
    let block = h.next();
    expect(block.events.filter((e) => e.type === BusEventType.BUS_EVENT_TYPE_SETTLE_POSITION)).to.have.length(2);
    h.limit(c, BUY, 60010, 1);
    h.next();
    h.limit(b, SELL, 60010, 1, { timeInForce: OrderTimeInForce.TIME_IN_FORCE_IOC }); // b sells 0.01 at 60010
    block = h.next();
    const pos = new Map(h.engine.positions(m).map((p) => [p.partyId, p]));
    expect(h.engine.prices(m).markPrice).to.equal(h.price(60010));
    // b: realised 10 USDT x 0.01 = 0.1 USDT, unrealised on the remaining 0.01 the same
    expect(pos.get(b)).to.deep.include({ openVolume: h.lots(1), averageEntryPrice: h.price(60000), realisedPnl: 100000n, unrealisedPnl: 100000n });
    expect(pos.get(a)).to.deep.include({ openVolume: -h.lots(2), averageEntryPrice: h.price(60000), realisedPnl: 0n, unrealisedPnl: -200000n });
    expect(pos.get(c)).to.deep.include({ openVolume: h.lots(1), averageEntryPrice: h.price(60010), unrealisedPnl: 0n });
    expect([...pos.values()].reduce((s, p) => s + p.openVolume, 0n)).to.equal(0n);
    // the mark-to-market moved a's loss to b (and nothing to c, who bought at the mark)
    const mtm = block.events.flatMap((e) => e.ledgerMovements?.ledgerMovements ?? []).flatMap((x) => x.entries);
    const loss = mtm.find((e) => e.type === TransferType.TRANSFER_TYPE_MTM_LOSS);
    expect([loss?.fromAccount?.owner, loss?.amount]).to.deep.equal([a, '200000']);
    const settle = block.events.find((e) => e.settlePosition?.partyId === b)?.settlePosition;
    expect(settle?.price).to.equal((h.price(60010) * h.market.assetScale).toString());
    expect(settle?.positionFactor).to.equal('10000');
    expect(settle?.tradeSettlements.map((t) => t.size)).to.deep.equal([(-h.lots(1)).toString()]);
  });
});
