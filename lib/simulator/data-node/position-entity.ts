import { PositionStatus, Side, TradeType } from '../../codecs/index.js';
import type { Position, Trade } from '../../codecs/index.js';
import type { BatchSlot } from './block-batch.js';
import { Decimal } from './decimal.js';

/**
 * `value.round().toString()` memoised on the last value: Decimals are immutable, so a field still
 * holding the same Decimal as when it was last printed prints the same (a position reprinted in a
 * block has usually changed only some of its fields).
 */
class RoundedText {
  private value: Decimal | undefined;
  private text = '';

  of(value: Decimal): string {
    if (value !== this.value) {
      this.value = value;
      this.text = value.round().toString();
    }
    return this.text;
  }
}

/** One trade of a SETTLE_POSITION event: signed size, price in asset decimals, price in market decimals. */
export interface SettledTrade {
  readonly size: bigint;
  readonly price: Decimal;
  readonly marketPrice: Decimal;
}

/** Maker, taker and other fees one side of a trade pays or receives (`entities.feeAmounts`). */
interface FeeAmounts {
  maker: bigint;
  taker: bigint;
  other: bigint;
}

function uint(text: string | undefined): bigint {
  if (!text || text === '0') return 0n; // most fee amounts are "0"
  try {
    return BigInt(text);
  } catch {
    return 0n;
  }
}

function sideFees(trade: Trade, seller: boolean): FeeAmounts {
  const fee = seller ? trade.sellerFee : trade.buyerFee;
  if (!fee) return { maker: 0n, taker: 0n, other: 0n };
  return {
    maker: 0n,
    taker: uint(fee.makerFee),
    other:
      uint(fee.infrastructureFee) +
      uint(fee.liquidityFee) +
      uint(fee.treasuryFee) +
      uint(fee.buyBackFee) +
      uint(fee.highVolumeMakerFee),
  };
}

/** The fees of the buyer and the seller of a trade (`getFeeAmountsForSide`): the aggressor's maker fee is the passive side's maker income. */
function tradeFees(trade: Trade): { buyer: FeeAmounts; seller: FeeAmounts } {
  const buyer = sideFees(trade, false);
  const seller = sideFees(trade, true);
  if (trade.aggressor === Side.SIDE_SELL) buyer.maker += seller.taker;
  else if (trade.aggressor === Side.SIDE_BUY) seller.maker += buyer.taker;
  else {
    buyer.maker += seller.taker;
    seller.maker += buyer.taker;
  }
  return { buyer, seller };
}

/** What a trade brings to either side's position, read once per trade (see {@link tradeTerms}). */
export interface TradeTerms {
  /** The trade's type. */
  readonly type: TradeType;
  /** Traded size (position units, unsigned). */
  readonly size: bigint;
  /** The trade price in asset decimals. */
  readonly assetPrice: Decimal;
  /** The asset price as `num.Uint` (truncated), as the data node averages it. */
  readonly assetPriceUint: Decimal;
  /** The trade price (market decimals) as `num.Uint` (truncated). */
  readonly marketPriceUint: Decimal;
  /** The buyer's fees. */
  readonly buyerFees: FeeAmounts;
  /** The seller's fees. */
  readonly sellerFees: FeeAmounts;
}

/** A trade's {@link TradeTerms}; `assetPrice` is its price in asset decimals. */
export function tradeTerms(trade: Trade, assetPrice: Decimal): TradeTerms {
  const fees = tradeFees(trade);
  return {
    type: trade.type,
    size: uint(trade.size),
    assetPrice,
    assetPriceUint: Decimal.of(assetPrice.truncate()),
    marketPriceUint: Decimal.of(Decimal.parse(trade.price).truncate()),
    buyerFees: fees.buyer,
    sellerFees: fees.seller,
  };
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/**
 * Opened and closed volume of a trade against an open volume (`CalculateOpenClosedVolume`):
 * closing volume has the sign of the current position.
 */
export function openedClosed(current: bigint, traded: bigint): [opened: bigint, closed: bigint] {
  if (current !== 0n && current > 0n !== traded > 0n) {
    const closed = abs(traded) > abs(current) ? current : -traded;
    return [traded + closed, closed];
  }
  return [traded, 0n];
}

/** Volume-weighted average price after adding `addVolume` at `addPrice` (`updateVWAP`). */
function updateVWAP(vwap: Decimal, volume: bigint, addVolume: bigint, addPrice: Decimal): Decimal {
  if (volume + addVolume === 0n) return Decimal.ZERO;
  // exact shortcuts of the general formula (vwap has at most 16 fraction digits, so re-dividing is the identity)
  if (addVolume === 0n) return vwap;
  if (volume === 0n) return addPrice;
  return vwap
    .mul(Decimal.of(volume))
    .add(addPrice.mul(Decimal.of(addVolume)))
    .div(Decimal.of(volume + addVolume));
}

/**
 * A party's position in a market, computed as the v0.79 data node does
 * (`datanode/entities/position.go`).
 *
 * Scaling: open volume is a signed integer in position units (`10^-positionDecimalPlaces`
 * contracts); prices are integers in market decimals (`averageEntryPrice`) or in the settlement
 * asset's decimals (PnL). PnL = price difference (asset decimals) × volume / `10^positionDecimalPlaces`,
 * so it is in asset decimals; it is kept as an exact {@link Decimal} (divisions at 16 fraction
 * digits, like shopspring/decimal) and printed rounded half away from zero to an integer.
 *
 * Trades update the "pending" fields (what the routes show); settlement events (SETTLE_POSITION,
 * LOSS_SOCIALIZATION, SETTLE_DISTRESSED, SETTLE_MARKET) update the settled fields and copy them over
 * the pending ones.
 */
export class PositionEntity implements BatchSlot {
  /** Where the position's last update went in the block's batch of changed positions. */
  batchPosition = 0;
  /** Settled open volume (position units, signed). */
  openVolume = 0n;
  /** Settled realised PnL (asset decimals). */
  realisedPnl = Decimal.ZERO;
  /** Settled unrealised PnL (asset decimals). */
  unrealisedPnl = Decimal.ZERO;
  /** Settled average entry price in asset decimals. */
  averageEntryPrice = Decimal.ZERO;
  /** Settled average entry price in market decimals. */
  averageEntryMarketPrice = Decimal.ZERO;
  /** Loss socialisation losses (negative amounts). */
  loss = Decimal.ZERO;
  /** Loss socialisation gains (positive amounts). */
  adjustment = Decimal.ZERO;
  /** Open volume including trades not yet settled (what the routes show). */
  pendingOpenVolume = 0n;
  /** Realised PnL including unsettled trades. */
  pendingRealisedPnl = Decimal.ZERO;
  /** Unrealised PnL including unsettled trades. */
  pendingUnrealisedPnl = Decimal.ZERO;
  /** Average entry price (asset decimals) including unsettled trades. */
  pendingAverageEntryPrice = Decimal.ZERO;
  /** Average entry price (market decimals) including unsettled trades. */
  pendingAverageEntryMarketPrice = Decimal.ZERO;
  /** Total loss socialisation amount. */
  lossSocialisationAmount = Decimal.ZERO;
  /** Distressed status. */
  status: PositionStatus = PositionStatus.POSITION_STATUS_UNSPECIFIED;
  /** Fees paid as taker (asset decimals). */
  takerFeesPaid = 0n;
  /** Maker fees received. */
  makerFeesReceived = 0n;
  /** Infrastructure, liquidity, treasury, buy-back and high-volume maker fees paid. */
  feesPaid = 0n;
  /** Taker fees paid since the position was opened or flipped. */
  takerFeesPaidSince = 0n;
  /** Maker fees received since the position was opened or flipped. */
  makerFeesReceivedSince = 0n;
  /** Other fees paid since the position was opened or flipped. */
  feesPaidSince = 0n;
  /** Funding payments (perpetuals). */
  fundingPaymentAmount = 0n;
  /** Funding payments since the position was opened or flipped. */
  fundingPaymentAmountSince = 0n;
  /** Block time of the last update, in ns. */
  updatedAt = 0n;
  /** Memos of the rounded fields {@link toPosition} prints. */
  private readonly realisedText = new RoundedText();
  private readonly unrealisedText = new RoundedText();
  private readonly entryText = new RoundedText();
  private readonly lossText = new RoundedText();
  /** The inputs and result of the last {@link pendingMarkToMarket} computation. */
  private lastMtm: { result: Decimal; volume: bigint; entry: Decimal; price: Decimal; pf: Decimal } | undefined;

  constructor(
    /** Market of the position. */
    readonly marketId: string,
    /** Party of the position. */
    readonly partyId: string,
  ) {}

  /**
   * Applies a trade to the buyer's or the seller's pending position (`UpdateWithTrade`); `pf` is
   * the position factor.
   */
  updateWithTrade(terms: TradeTerms, seller: boolean, pf: Decimal): void {
    const { assetPrice, assetPriceUint, marketPriceUint } = terms;
    const size = seller ? -terms.size : terms.size;
    const fees = seller ? terms.sellerFees : terms.buyerFees;
    this.makerFeesReceived += fees.maker;
    this.takerFeesPaid += fees.taker;
    this.feesPaid += fees.other;
    const since = this.pendingOpenVolume === 0n;

    const [opened, closed] = openedClosed(this.pendingOpenVolume, size);
    if (closed !== 0n) {
      // (adding a zero delta would change nothing but the representation's scale, which no output shows)
      const realisedDelta = assetPrice.sub(this.pendingAverageEntryPrice).mul(Decimal.of(closed)).div(pf);
      this.pendingRealisedPnl = this.pendingRealisedPnl.add(realisedDelta);
    }
    const wasLong = this.pendingOpenVolume > 0n;
    this.pendingOpenVolume -= closed;
    // the data node converts the prices to num.Uint (truncating) before averaging them (terms.*Uint)
    this.pendingAverageEntryPrice = updateVWAP(this.pendingAverageEntryPrice, this.pendingOpenVolume, opened, assetPriceUint);
    this.pendingAverageEntryMarketPrice = updateVWAP(
      this.pendingAverageEntryMarketPrice,
      this.pendingOpenVolume,
      opened,
      marketPriceUint,
    );
    this.pendingOpenVolume += opened;
    if (since || (wasLong !== this.pendingOpenVolume > 0n && this.pendingOpenVolume !== 0n)) {
      this.makerFeesReceivedSince = 0n;
      this.takerFeesPaidSince = 0n;
      this.feesPaidSince = 0n;
    }
    if (this.pendingOpenVolume !== 0n) {
      this.makerFeesReceivedSince += fees.maker;
      this.takerFeesPaidSince += fees.taker;
      this.feesPaidSince += fees.other;
    }
    this.pendingMarkToMarket(assetPrice, pf);
    if (terms.type === TradeType.TYPE_NETWORK_CLOSE_OUT_BAD) {
      this.updateWithBadTrade(size, assetPriceUint, marketPriceUint, pf);
    } else if (this.status === PositionStatus.POSITION_STATUS_CLOSED_OUT) {
      this.status = PositionStatus.POSITION_STATUS_UNSPECIFIED;
    }
  }

  /** Marks the pending position to a price in asset decimals (`pendingMTM`). */
  pendingMarkToMarket(price: Decimal, pf: Decimal): void {
    if (this.pendingOpenVolume === 0n) {
      this.pendingUnrealisedPnl = Decimal.ZERO;
      return;
    }
    const last = this.lastMtm;
    if (
      last !== undefined &&
      this.pendingUnrealisedPnl === last.result &&
      this.pendingOpenVolume === last.volume &&
      this.pendingAverageEntryPrice === last.entry &&
      price.coefficient === last.price.coefficient &&
      price.scale === last.price.scale &&
      pf.coefficient === last.pf.coefficient &&
      pf.scale === last.pf.scale
    ) {
      return; // same inputs, same result (and the same rounded text, cached by identity)
    }
    const result = Decimal.of(this.pendingOpenVolume).mul(price.sub(this.pendingAverageEntryPrice)).div(pf);
    this.pendingUnrealisedPnl = result;
    this.lastMtm = { result, volume: this.pendingOpenVolume, entry: this.pendingAverageEntryPrice, price, pf };
  }

  /** A SETTLE_POSITION event: settles its trades and marks to its price (`UpdateWithPositionSettlement`). */
  updateWithPositionSettlement(price: Decimal, pf: Decimal, trades: readonly SettledTrade[]): void {
    let resetFunding = false;
    for (const t of trades) {
      if (this.openVolume === 0n) resetFunding = true;
      const [opened, closed] = openedClosed(this.openVolume, t.size);
      this.realisedPnl = this.realisedPnl.add(t.price.sub(this.averageEntryPrice).mul(Decimal.of(closed)).div(pf));
      const wasLong = this.openVolume > 0n;
      this.openVolume -= closed;
      this.averageEntryPrice = updateVWAP(this.averageEntryPrice, this.openVolume, opened, t.price);
      this.averageEntryMarketPrice = updateVWAP(this.averageEntryMarketPrice, this.openVolume, opened, t.marketPrice);
      this.openVolume += opened;
      if (!resetFunding && wasLong !== this.openVolume > 0n && this.openVolume !== 0n) resetFunding = true;
    }
    if (resetFunding) this.fundingPaymentAmountSince = 0n;
    this.markToMarket(price, pf);
    this.syncPending();
  }

  /** A LOSS_SOCIALIZATION event (`UpdateWithLossSocialization`). */
  updateWithLossSocialization(amount: Decimal): void {
    if (amount.isNegative()) {
      this.loss = this.loss.add(amount);
      this.lossSocialisationAmount = this.lossSocialisationAmount.sub(amount);
    } else {
      this.adjustment = this.adjustment.add(amount);
      this.lossSocialisationAmount = this.lossSocialisationAmount.add(amount);
    }
    this.realisedPnl = this.realisedPnl.add(amount);
    this.syncPending();
  }

  /** A SETTLE_DISTRESSED event: the position is closed out (`UpdateWithSettleDistressed`). */
  updateWithSettleDistressed(margin: Decimal): void {
    this.realisedPnl = this.realisedPnl.add(this.unrealisedPnl).sub(margin);
    this.unrealisedPnl = Decimal.ZERO;
    this.averageEntryPrice = Decimal.ZERO;
    this.openVolume = 0n;
    this.status = PositionStatus.POSITION_STATUS_CLOSED_OUT;
    this.fundingPaymentAmountSince = 0n;
    this.feesPaidSince = 0n;
    this.makerFeesReceivedSince = 0n;
    this.takerFeesPaidSince = 0n;
    this.syncPending();
  }

  /** A SETTLE_MARKET event: the open volume is settled at the final price (`UpdateWithSettleMarket`). */
  updateWithSettleMarket(settledPrice: Decimal, pf: Decimal): void {
    const pnl = Decimal.of(this.openVolume).mul(settledPrice.sub(this.averageEntryPrice)).div(pf);
    this.realisedPnl = this.realisedPnl.add(pnl);
    this.unrealisedPnl = Decimal.ZERO;
    this.openVolume = 0n;
    this.syncPending();
  }

  /** A FUNDING_PAYMENTS entry for this party (`ApplyFundingPayment`). */
  applyFundingPayment(amount: bigint): void {
    this.fundingPaymentAmount += amount;
    this.fundingPaymentAmountSince += amount;
  }

  /** DISTRESSED_ORDERS_CLOSED (`UpdateOrdersClosed`). */
  updateOrdersClosed(): void {
    this.status = PositionStatus.POSITION_STATUS_ORDERS_CLOSED;
  }

  /** DISTRESSED_POSITIONS (`ToggleDistressedStatus`, applied by the real node to distressed and safe parties alike). */
  toggleDistressedStatus(): void {
    this.status =
      this.status === PositionStatus.POSITION_STATUS_DISTRESSED
        ? PositionStatus.POSITION_STATUS_UNSPECIFIED
        : PositionStatus.POSITION_STATUS_DISTRESSED;
  }

  /** The position as `vega.Position` (`ToProto`: the pending values, rounded). */
  toPosition(): Position {
    return {
      marketId: this.marketId,
      partyId: this.partyId,
      openVolume: this.pendingOpenVolume.toString(),
      realisedPnl: this.realisedText.of(this.pendingRealisedPnl),
      unrealisedPnl: this.unrealisedText.of(this.pendingUnrealisedPnl),
      averageEntryPrice: this.entryText.of(this.pendingAverageEntryMarketPrice),
      updatedAt: this.updatedAt.toString(),
      lossSocialisationAmount: this.lossText.of(this.lossSocialisationAmount),
      positionStatus: this.status,
      takerFeesPaid: this.takerFeesPaid.toString(),
      makerFeesReceived: this.makerFeesReceived.toString(),
      feesPaid: this.feesPaid.toString(),
      takerFeesPaidSince: this.takerFeesPaidSince.toString(),
      makerFeesReceivedSince: this.makerFeesReceivedSince.toString(),
      feesPaidSince: this.feesPaidSince.toString(),
      fundingPaymentAmount: this.fundingPaymentAmount.toString(),
      fundingPaymentAmountSince: this.fundingPaymentAmountSince.toString(),
    };
  }

  /** The pending unrealised PnL rounded to an integer, as printed (memoised per Decimal value). */
  roundedUnrealisedPnl(): string {
    return this.unrealisedText.of(this.pendingUnrealisedPnl);
  }

  private updateWithBadTrade(size: bigint, price: Decimal, marketPrice: Decimal, pf: Decimal): void {
    const [opened, closed] = openedClosed(this.openVolume, size);
    this.realisedPnl = this.realisedPnl.add(price.sub(this.averageEntryPrice).mul(Decimal.of(closed)).div(pf));
    this.openVolume -= closed;
    this.averageEntryPrice = updateVWAP(this.averageEntryPrice, this.openVolume, opened, price);
    this.averageEntryMarketPrice = updateVWAP(this.averageEntryMarketPrice, this.openVolume, opened, marketPrice);
    this.openVolume += opened;
  }

  private markToMarket(markPrice: Decimal, pf: Decimal): void {
    if (this.openVolume === 0n) {
      this.unrealisedPnl = Decimal.ZERO;
      return;
    }
    this.unrealisedPnl = Decimal.of(this.openVolume).mul(markPrice.sub(this.averageEntryPrice)).div(pf);
  }

  private syncPending(): void {
    this.pendingOpenVolume = this.openVolume;
    this.pendingRealisedPnl = this.realisedPnl;
    this.pendingUnrealisedPnl = this.unrealisedPnl;
    this.pendingAverageEntryPrice = this.averageEntryPrice;
    this.pendingAverageEntryMarketPrice = this.averageEntryMarketPrice;
  }
}
