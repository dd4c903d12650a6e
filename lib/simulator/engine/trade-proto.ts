import { Side, TradeType, type Trade } from '../../codecs/index.js';
import { feeToProto, NO_FEES, type TradeFees } from './fees.js';
import type { MarketConfig } from './market-config.js';
import type { SimOrder } from './sim-order.js';

const SIDE_BUY = Side.SIDE_BUY;
const TYPE_DEFAULT = TradeType.TYPE_DEFAULT;

/**
 * The TRADE event payload of a fill between an aggressive and a passive order, at the passive
 * order's price: the aggressor's side and fees (the passive side's fee fields are "0"), and the
 * price in asset decimals (`assetPrice`) that the data node's position updates use.
 */
export function tradeToProto(
  cfg: MarketConfig,
  id: string,
  aggressor: SimOrder,
  passive: SimOrder,
  size: bigint,
  fee: TradeFees,
  timeText: string,
): Trade {
  const buy = aggressor.side === SIDE_BUY;
  return {
    id,
    marketId: cfg.id,
    price: passive.price.toString(),
    size: size.toString(),
    buyer: buy ? aggressor.partyId : passive.partyId,
    seller: buy ? passive.partyId : aggressor.partyId,
    aggressor: aggressor.side,
    buyOrder: buy ? aggressor.id : passive.id,
    sellOrder: buy ? passive.id : aggressor.id,
    timestamp: timeText,
    type: TYPE_DEFAULT,
    buyerFee: feeToProto(buy ? fee : NO_FEES),
    sellerFee: feeToProto(buy ? NO_FEES : fee),
    buyerAuctionBatch: '0',
    sellerAuctionBatch: '0',
    assetPrice: (passive.price * cfg.assetScale).toString(),
  };
}
