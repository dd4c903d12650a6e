import type { Fee, Trade } from '../../codecs/index.js';
import { normaliseDecimal } from './decimal.js';

/** A fee amount as the data node re-prints it ("0" for an absent one). */
function d(text: string | undefined): string {
  // most amounts of a trade are "0" (the passive side pays nothing): skip the normalising then
  return text === '0' ? text : normaliseDecimal(text ?? '');
}

/** A fee as the data node re-prints it from its database: all twelve amounts, "0" when zero. */
function dataNodeFee(fee: Fee | undefined): Fee {
  return {
    makerFee: d(fee?.makerFee),
    infrastructureFee: d(fee?.infrastructureFee),
    liquidityFee: d(fee?.liquidityFee),
    makerFeeVolumeDiscount: d(fee?.makerFeeVolumeDiscount),
    infrastructureFeeVolumeDiscount: d(fee?.infrastructureFeeVolumeDiscount),
    liquidityFeeVolumeDiscount: d(fee?.liquidityFeeVolumeDiscount),
    makerFeeReferrerDiscount: d(fee?.makerFeeReferrerDiscount),
    infrastructureFeeReferrerDiscount: d(fee?.infrastructureFeeReferrerDiscount),
    liquidityFeeReferrerDiscount: d(fee?.liquidityFeeReferrerDiscount),
    treasuryFee: d(fee?.treasuryFee),
    buyBackFee: d(fee?.buyBackFee),
    highVolumeMakerFee: d(fee?.highVolumeMakerFee),
  };
}

/**
 * A core TRADE event as the trades route sends it (v0.79 `entities.Trade.ToProto`): the timestamp
 * is the block time, the price is re-printed as a decimal, `buyerFee` and `sellerFee` are always
 * present with every amount, and `assetPrice` is not sent.
 */
export function toDataNodeTrade(trade: Trade, blockTimeNs: bigint): Trade {
  return {
    id: trade.id,
    marketId: trade.marketId,
    price: normaliseDecimal(trade.price),
    size: trade.size,
    buyer: trade.buyer,
    seller: trade.seller,
    aggressor: trade.aggressor,
    buyOrder: trade.buyOrder,
    sellOrder: trade.sellOrder,
    timestamp: blockTimeNs.toString(),
    type: trade.type,
    buyerFee: dataNodeFee(trade.buyerFee),
    sellerFee: dataNodeFee(trade.sellerFee),
    buyerAuctionBatch: trade.buyerAuctionBatch,
    sellerAuctionBatch: trade.sellerAuctionBatch,
    assetPrice: '',
  };
}
