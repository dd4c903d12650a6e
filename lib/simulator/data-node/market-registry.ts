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

  /** Records a created or updated market (the latest version wins, creation order is kept). */
  putMarket(market: Market): void {
    this.markets.set(market.id, market);
  }

  /** Records an asset. */
  putAsset(asset: Asset): void {
    this.assets.set(asset.id, asset);
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
    const market = this.markets.get(marketId);
    return Decimal.pow10(market ? toInt(market.positionDecimalPlaces) : 0);
  }

  /**
   * `10^(assetDecimals - marketDecimals)`: turns a price in market decimals into the settlement
   * asset's decimals; undefined when the market or its asset is unknown.
   */
  assetPriceFactor(marketId: string): Decimal | undefined {
    const market = this.markets.get(marketId);
    if (!market) return undefined;
    const asset = this.assets.get(settlementAssetOf(market));
    if (!asset?.details) return undefined;
    return Decimal.pow10(toInt(asset.details.decimals) - toInt(market.decimalPlaces));
  }
}
