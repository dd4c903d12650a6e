import type { Asset, Market } from '../../codecs/index.js';
import { Decimal } from './decimal.js';

/** The asset a market settles in (future, perpetual) or quotes in (spot); "" when unknown. */
export function settlementAssetOf(market: Market): string {
  const instrument = market.tradableInstrument?.instrument;
  return (
    instrument?.future?.settlementAsset ??
    instrument?.perpetual?.settlementAsset ??
    instrument?.spot?.quoteAsset ??
    ''
  );
}

function toInt(text: string): number {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
}

/**
 * The markets and assets the data node has seen (MARKET_CREATED, MARKET_UPDATED and ASSET
 * events), and the scaling factors derived from them.
 */
export class MarketRegistry {
  private readonly markets = new Map<string, Market>();
  private readonly assets = new Map<string, Asset>();
  /** {@link positionFactor} and {@link assetPriceFactor} by market, until a market or asset changes (asked for every trade). */
  private readonly positionFactors = new Map<string, Decimal>();
  private readonly assetPriceFactors = new Map<string, Decimal | undefined>();

  /** Records a created or updated market (the latest version wins, creation order is kept). */
  putMarket(market: Market): void {
    this.markets.set(market.id, market);
    this.forgetFactors();
  }

  /** Records an asset. */
  putAsset(asset: Asset): void {
    this.assets.set(asset.id, asset);
    this.forgetFactors();
  }

  private forgetFactors(): void {
    this.positionFactors.clear();
    this.assetPriceFactors.clear();
  }

  /** Every market, in order of creation. */
  list(): Market[] {
    return [...this.markets.values()];
  }

  /** A market by id. */
  get(marketId: string): Market | undefined {
    return this.markets.get(marketId);
  }

  /** True when the market was created. */
  has(marketId: string): boolean {
    return this.markets.has(marketId);
  }

  /** Every market id, in order of creation. */
  ids(): string[] {
    return [...this.markets.keys()];
  }

  /**
   * The position factor `10^positionDecimalPlaces` the data node divides PnL by
   * (`GetMarketScalingFactor`); 1 for a market it has not seen.
   */
  positionFactor(marketId: string): Decimal {
    let factor = this.positionFactors.get(marketId);
    if (factor === undefined) {
      const market = this.markets.get(marketId);
      factor = Decimal.pow10(market ? toInt(market.positionDecimalPlaces) : 0);
      if (market) this.positionFactors.set(marketId, factor);
    }
    return factor;
  }

  /**
   * `10^(assetDecimals - marketDecimals)`: turns a price in market decimals into the settlement
   * asset's decimals; undefined when the market or its asset is unknown.
   */
  assetPriceFactor(marketId: string): Decimal | undefined {
    if (this.assetPriceFactors.has(marketId)) return this.assetPriceFactors.get(marketId);
    const market = this.markets.get(marketId);
    if (!market) return undefined;
    const asset = this.assets.get(settlementAssetOf(market));
    const factor = asset?.details ? Decimal.pow10(toInt(asset.details.decimals) - toInt(market.decimalPlaces)) : undefined;
    this.assetPriceFactors.set(marketId, factor);
    return factor;
  }
}
