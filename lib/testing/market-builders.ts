import {
  MarketDataCodec,
  MarketDepthCodec,
  MarketDepthUpdateCodec,
  MarketState,
  MarketTradingMode,
  PriceLevelCodec,
  type MarketData,
  type MarketDepth,
  type MarketDepthUpdate,
  type PriceLevel,
} from '../codecs/index.js';
import { BASE_TIME_NS, DEFAULT_MARKET_ID, timeNs } from './ids.js';
import { DEFAULT_PRICE } from './trading-builders.js';
import { definedFields, zeroOf } from './zero-value.js';

/** An integer as the node writes it: a decimal string (numbers and bigints are converted). */
export type IntegerLike = string | number | bigint;

/**
 * One book level: `volume` at `price` from `orders` orders (default: 1, or 0 for a volume of
 * 0, which is how an update removes a level: it then encodes as just `{"price":"…"}`).
 *
 * @example priceLevel(99950, 12, 3) // { price: '99950', volume: '12', numberOfOrders: '3', … }
 */
export function priceLevel(price: IntegerLike, volume: IntegerLike, orders?: IntegerLike): PriceLevel {
  const size = String(volume);
  return {
    ...zeroOf(PriceLevelCodec),
    price: String(price),
    volume: size,
    numberOfOrders: orders === undefined ? (size === '0' ? '0' : '1') : String(orders),
  };
}

/**
 * A full book of one market (a `markets/depth` frame item), overridden by `fields`: the default
 * market, empty sides, sequence number {@link BASE_TIME_NS}.
 *
 * @example depth({ buy: [priceLevel(99950, 5)], sell: [priceLevel(100050, 7)], sequenceNumber: '1700000000000000001' })
 */
export function depth(fields: Partial<MarketDepth> = {}): MarketDepth {
  return { ...zeroOf(MarketDepthCodec), marketId: DEFAULT_MARKET_ID, sequenceNumber: BASE_TIME_NS, ...definedFields(fields) };
}

/**
 * Changed levels of one market (a `markets/depth/updates` frame item), overridden by `fields`:
 * the default market, no levels, sequence number {@link BASE_TIME_NS}, previous sequence number
 * absent (0, as after a node restart). Volumes are absolute; a 0 volume removes the level.
 *
 * @example depthUpdate({ sequenceNumber: '20', previousSequenceNumber: '10', buy: [priceLevel(99950, 0)] })
 */
export function depthUpdate(fields: Partial<MarketDepthUpdate> = {}): MarketDepthUpdate {
  return { ...zeroOf(MarketDepthUpdateCodec), marketId: DEFAULT_MARKET_ID, sequenceNumber: BASE_TIME_NS, ...definedFields(fields) };
}

/**
 * Market data of one market in continuous trading, overridden by `fields`: best bid 99950 and
 * offer 100050 (10 each) around {@link DEFAULT_PRICE}, at the base block time. Static best
 * prices follow the best prices, and mid prices are computed from them (exactly, with BigInt)
 * unless given.
 *
 * @example marketData({ market: SECOND_MARKET_ID, bestBidPrice: '2990', bestOfferPrice: '3010' })
 */
export function marketData(fields: Partial<MarketData> = {}): MarketData {
  const bestBidPrice = fields.bestBidPrice ?? '99950';
  const bestOfferPrice = fields.bestOfferPrice ?? '100050';
  const bestStaticBidPrice = fields.bestStaticBidPrice ?? bestBidPrice;
  const bestStaticOfferPrice = fields.bestStaticOfferPrice ?? bestOfferPrice;
  const bestBidVolume = fields.bestBidVolume ?? '10';
  const bestOfferVolume = fields.bestOfferVolume ?? '10';
  return {
    ...zeroOf(MarketDataCodec),
    market: DEFAULT_MARKET_ID,
    markPrice: DEFAULT_PRICE,
    lastTradedPrice: DEFAULT_PRICE,
    bestBidPrice,
    bestOfferPrice,
    bestBidVolume,
    bestOfferVolume,
    bestStaticBidPrice,
    bestStaticOfferPrice,
    bestStaticBidVolume: bestBidVolume,
    bestStaticOfferVolume: bestOfferVolume,
    midPrice: midOf(bestBidPrice, bestOfferPrice),
    staticMidPrice: midOf(bestStaticBidPrice, bestStaticOfferPrice),
    timestamp: timeNs(),
    openInterest: '1',
    indicativePrice: '0',
    marketTradingMode: MarketTradingMode.TRADING_MODE_CONTINUOUS,
    marketState: MarketState.STATE_ACTIVE,
    ...definedFields(fields),
  };
}

/** The integer mid of two integer prices, or '' when a side is missing or not an integer. */
function midOf(bid: string, offer: string): string {
  const integer = /^[0-9]+$/;
  if (!integer.test(bid) || !integer.test(offer) || bid === '0' || offer === '0') return '';
  return String((BigInt(bid) + BigInt(offer)) / 2n);
}
