import { OrderTimeInForce, OrderType, Side, type BusEvent, type Order, type Trade } from '../../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../../lib/simulator/core-block.js';
import { createEngine, type Engine, type MarketConfig, type SubmitReceipt } from '../../../../lib/simulator/engine/index.js';

/** An engine with the agents switched off, past its genesis block, and helpers to trade on BTC. */
export interface Harness {
  readonly engine: Engine;
  /** The first market (BTC: 5 price decimals, 4 position decimals). */
  readonly market: MarketConfig;
  /** Party ids. */
  readonly p: readonly string[];
  /** Price in units for a whole-tick price (60000 -> 60000.00000). */
  price(ticks: number): bigint;
  /** Size in units for a number of lots (0.01 BTC each). */
  lots(n: number): bigint;
  /** Queues a GTC (or other) limit order. */
  limit(party: string, side: Side, ticks: number, lots: number, extra?: { timeInForce?: OrderTimeInForce; postOnly?: boolean; expiresAt?: bigint }): SubmitReceipt;
  /** Queues a market order (IOC unless FOK is asked for). */
  market_(party: string, side: Side, lots: number, timeInForce?: OrderTimeInForce): SubmitReceipt;
  /** Produces the next block. */
  next(): CoreBlock;
}

/** Builds a {@link Harness}. */
export function harness(seed = 'unit'): Harness {
  const engine = createEngine({ seed, ordersPerBlock: 0, liquidity: false, governance: false });
  engine.nextBlock();
  const market = engine.markets()[0] as MarketConfig;
  const h: Harness = {
    engine,
    market,
    p: engine.parties(),
    price: (ticks) => BigInt(ticks) * market.tickSize,
    lots: (n) => BigInt(n) * market.lotSize,
    limit: (party, side, ticks, lots, extra = {}) =>
      engine.submit({ kind: 'submitOrder', partyId: party, marketId: market.id, side, price: h.price(ticks), size: h.lots(lots), ...extra }),
    market_: (party, side, lots, timeInForce = OrderTimeInForce.TIME_IN_FORCE_IOC) =>
      engine.submit({ kind: 'submitOrder', partyId: party, marketId: market.id, side, size: h.lots(lots), type: OrderType.TYPE_MARKET, timeInForce }),
    next: () => engine.nextBlock(),
  };
  return h;
}

/** The events of one transaction (by its lowercase hash). */
export function txEvents(block: CoreBlock, txHash: string): BusEvent[] {
  const upper = txHash.toUpperCase();
  return block.events.filter((e) => e.txHash === upper);
}

/** ORDER payloads of a list of events. */
export function ordersOf(events: readonly BusEvent[]): Order[] {
  return events.flatMap((e) => (e.order === undefined ? [] : [e.order]));
}

/** TRADE payloads of a list of events. */
export function tradesOf(events: readonly BusEvent[]): Trade[] {
  return events.flatMap((e) => (e.trade === undefined ? [] : [e.trade]));
}

/** The last ORDER event of an order in a block. */
export function lastOrder(block: CoreBlock, orderId: string): Order | undefined {
  return ordersOf(block.events).filter((o) => o.id === orderId).pop();
}

export { Side, OrderTimeInForce };
