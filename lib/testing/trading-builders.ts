import { OrderCodec, OrderStatus, OrderTimeInForce, OrderType, Side, TradeCodec, TradeType, type Order, type Trade } from '../codecs/index.js';
import { COUNTERPARTY_ID, DEFAULT_MARKET_ID, DEFAULT_PARTY_ID, timeNs, vegaId } from './ids.js';
import { definedFields, zeroOf } from './zero-value.js';

/** The price of default trades and orders (an integer string in market decimals). */
export const DEFAULT_PRICE = '100000';

/**
 * A trade with realistic defaults, overridden by `fields`: on the default market, a buy of 1
 * at {@link DEFAULT_PRICE} by the default party from the counterparty, at the base block time.
 * Ids not given are derived from the trade's fields, so different trades get different ids.
 *
 * @example trade({ price: '101000', size: '5', aggressor: Side.SIDE_SELL })
 */
export function trade(fields: Partial<Trade> = {}): Trade {
  const base: Trade = {
    ...zeroOf(TradeCodec),
    marketId: DEFAULT_MARKET_ID,
    price: DEFAULT_PRICE,
    size: '1',
    buyer: DEFAULT_PARTY_ID,
    seller: COUNTERPARTY_ID,
    aggressor: Side.SIDE_BUY,
    timestamp: timeNs(),
    type: TradeType.TYPE_DEFAULT,
    ...definedFields(fields),
  };
  const id = fields.id ?? vegaId(`trade ${base.marketId} ${base.price} ${base.size} ${base.buyer} ${base.seller} ${base.aggressor} ${base.timestamp}`);
  return {
    ...base,
    id,
    assetPrice: fields.assetPrice ?? base.price,
    buyOrder: fields.buyOrder ?? vegaId(`order ${id} buy`),
    sellOrder: fields.sellOrder ?? vegaId(`order ${id} sell`),
  };
}

/**
 * A live limit order with realistic defaults, overridden by `fields`: a GTC buy of 1 at
 * {@link DEFAULT_PRICE} by the default party on the default market, version 1. `remaining`
 * defaults to the size, or 0 when the status is STATUS_FILLED; the id is derived from the fields.
 *
 * @example order({ side: Side.SIDE_SELL, price: '100500', size: '3' })
 */
export function order(fields: Partial<Order> = {}): Order {
  const base: Order = {
    ...zeroOf(OrderCodec),
    marketId: DEFAULT_MARKET_ID,
    partyId: DEFAULT_PARTY_ID,
    side: Side.SIDE_BUY,
    price: DEFAULT_PRICE,
    size: '1',
    timeInForce: OrderTimeInForce.TIME_IN_FORCE_GTC,
    type: OrderType.TYPE_LIMIT,
    createdAt: timeNs(),
    status: OrderStatus.STATUS_ACTIVE,
    version: '1',
    ...definedFields(fields),
  };
  return {
    ...base,
    id: fields.id ?? vegaId(`order ${base.marketId} ${base.partyId} ${base.side} ${base.price} ${base.size} ${base.createdAt} ${base.reference}`),
    remaining: fields.remaining ?? (base.status === OrderStatus.STATUS_FILLED ? '0' : base.size),
  };
}
