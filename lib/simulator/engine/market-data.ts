import {
  AuctionTrigger,
  CompositePriceType,
  MarketState,
  MarketTradingMode,
  type MarketData,
  type PositionStateEvent,
} from '../../codecs/index.js';
import type { MarketConfig } from './market-config.js';
import type { OrderBook } from './order-book.js';
import type { PartyMarket } from './party-market.js';

const AUCTION_TRIGGER_UNSPECIFIED = AuctionTrigger.AUCTION_TRIGGER_UNSPECIFIED;
const COMPOSITE_PRICE_TYPE_LAST_TRADE = CompositePriceType.COMPOSITE_PRICE_TYPE_LAST_TRADE;
const STATE_ACTIVE = MarketState.STATE_ACTIVE;
const TRADING_MODE_CONTINUOUS = MarketTradingMode.TRADING_MODE_CONTINUOUS;

/** What MARKET_DATA is computed from. */
export interface MarketDataInput {
  /** The market. */
  readonly cfg: MarketConfig;
  /** Its book. */
  readonly book: OrderBook;
  /** Mark price, price units. */
  readonly markPrice: bigint;
  /** Last traded price, price units (0 before any trade). */
  readonly lastTradedPrice: bigint;
  /** Sum of long open volumes. */
  readonly openInterest: bigint;
  /** Sum of liquidity commitments, asset units. */
  readonly suppliedStake: bigint;
  /** Block time of the next mark-to-market, ns. */
  readonly nextMarkToMarketNs: bigint;
}

/**
 * The MARKET_DATA payload of a market in continuous trading: best (static) bid and offer with
 * their volumes, mid prices (0 unless both sides exist), mark and last traded prices, open
 * interest, supplied stake and a target stake of 10% of the open interest's notional.
 */
export function marketDataOf(m: MarketDataInput, timeText: string): MarketData {
  const bid = m.book.bids.best();
  const ask = m.book.asks.best();
  const bidPrice = bid === undefined ? '0' : bid.price.toString();
  const bidVolume = bid === undefined ? '0' : bid.volume.toString();
  const askPrice = ask === undefined ? '0' : ask.price.toString();
  const askVolume = ask === undefined ? '0' : ask.volume.toString();
  const mid = bid !== undefined && ask !== undefined ? ((bid.price + ask.price) / 2n).toString() : '0';
  const cfg = m.cfg;
  const targetStake = (m.openInterest * m.markPrice * cfg.assetScale) / (cfg.positionFactor * 10n);
  const supplied = m.suppliedStake.toString();
  return {
    markPrice: m.markPrice.toString(),
    bestBidPrice: bidPrice,
    bestBidVolume: bidVolume,
    bestOfferPrice: askPrice,
    bestOfferVolume: askVolume,
    bestStaticBidPrice: bidPrice,
    bestStaticBidVolume: bidVolume,
    bestStaticOfferPrice: askPrice,
    bestStaticOfferVolume: askVolume,
    midPrice: mid,
    staticMidPrice: mid,
    market: cfg.id,
    timestamp: timeText,
    openInterest: m.openInterest.toString(),
    auctionEnd: '0',
    auctionStart: '0',
    indicativePrice: '0',
    indicativeVolume: '0',
    marketTradingMode: TRADING_MODE_CONTINUOUS,
    trigger: AUCTION_TRIGGER_UNSPECIFIED,
    extensionTrigger: AUCTION_TRIGGER_UNSPECIFIED,
    targetStake: targetStake.toString(),
    suppliedStake: supplied,
    priceMonitoringBounds: [],
    marketValueProxy: supplied,
    liquidityProviderFeeShare: [],
    marketState: STATE_ACTIVE,
    nextMarkToMarket: m.nextMarkToMarketNs.toString(),
    lastTradedPrice: m.lastTradedPrice.toString(),
    marketGrowth: '0',
    liquidityProviderSla: [],
    nextNetworkCloseout: '0',
    markPriceType: COMPOSITE_PRICE_TYPE_LAST_TRADE,
  };
}

/**
 * The POSITION_STATE payload of a party: open volume, resting buy and sell volumes and their
 * volume-weighted prices in asset decimals (as the core sends them).
 */
export function positionStateOf(pm: PartyMarket): PositionStateEvent {
  const cfg = pm.market;
  return {
    partyId: pm.partyId,
    marketId: cfg.id,
    size: pm.openVolume.toString(),
    potentialBuys: pm.buyRemaining.toString(),
    potentialSells: pm.sellRemaining.toString(),
    vwBuyPrice: pm.buyRemaining === 0n ? '0' : ((pm.buyNotional * cfg.assetScale) / pm.buyRemaining).toString(),
    vwSellPrice: pm.sellRemaining === 0n ? '0' : ((pm.sellNotional * cfg.assetScale) / pm.sellRemaining).toString(),
  };
}
