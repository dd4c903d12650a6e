import { pow10, ratio, toUnits, type Ratio } from './decimal.js';
import type { IdSource } from './ids.js';

/** A settlement asset of the simulated network. */
export interface AssetConfig {
  /** 64-hex asset id. */
  readonly id: string;
  /** Ticker, e.g. `USDT`. */
  readonly symbol: string;
  /** Full name. */
  readonly name: string;
  /** Asset decimal places: balances are integers in 10^-decimals units. */
  readonly decimals: number;
  /** Quantum (smallest economically meaningful amount), in asset units. */
  readonly quantum: bigint;
  /** What each party deposits into its general account at genesis, in asset units. */
  readonly depositPerParty: bigint;
}

/** A simulated market: its instrument, decimals, fees, risk model and agent tuning. */
export interface MarketConfig {
  /** 64-hex market id. */
  readonly id: string;
  /** Instrument code, e.g. `BTCUSDT.PERP`. */
  readonly code: string;
  /** Instrument name. */
  readonly name: string;
  /** Product kind (the MARKET_CREATED event carries a perpetual or a future). */
  readonly product: 'perpetual' | 'future';
  /** Quote name of the instrument. */
  readonly quoteName: string;
  /** Settlement asset. */
  readonly asset: AssetConfig;
  /** Price decimal places (prices are integers in 10^-decimalPlaces). */
  readonly decimalPlaces: number;
  /** Position decimal places (sizes are integers in 10^-positionDecimalPlaces). */
  readonly positionDecimalPlaces: number;
  /** Minimum price increment, in price units. */
  readonly tickSize: bigint;
  /** The agents' size increment, in position units. */
  readonly lotSize: bigint;
  /** Where the reference price starts (and reverts to), in price units. */
  readonly initialPrice: bigint;
  /** 10^(asset decimals - price decimals): price units -> asset units. */
  readonly assetScale: bigint;
  /** 10^positionDecimalPlaces. */
  readonly positionFactor: bigint;
  /** Fee factors: each fee is the trade value times its factor, paid by the aggressor. */
  readonly fees: {
    /** Maker fee factor: the fee goes to the passive party. */
    readonly maker: Ratio;
    /** Infrastructure fee factor: the fee goes to the network's infrastructure fee account. */
    readonly infrastructure: Ratio;
    /** Liquidity fee factor: the fee goes to the market's liquidity fee account. */
    readonly liquidity: Ratio;
  };
  /** Risk factor (long and short): maintenance margin = riskFactor x exposure x mark price. */
  readonly riskFactor: Ratio;
  /** Margin scaling factors applied to the maintenance level. */
  readonly scaling: {
    /** Search level = maintenance x search. */
    readonly search: Ratio;
    /** Initial level = maintenance x initial. */
    readonly initial: Ratio;
    /** Release level = maintenance x release. */
    readonly release: Ratio;
  };
  /** Agents keep |position + same-side orders| within this many lots. */
  readonly maxPositionLots: number;
  /** Standard deviation of the reference price's step per block, in ticks. */
  readonly volatilityTicks: number;
}

interface AssetTemplate {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly quantum: string;
  readonly deposit: string;
}

interface MarketTemplate {
  readonly code: string;
  readonly name: string;
  readonly product: 'perpetual' | 'future';
  readonly quoteName: string;
  readonly asset: string;
  readonly decimalPlaces: number;
  readonly positionDecimalPlaces: number;
  readonly initialPrice: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly maxPositionLots: number;
  readonly volatilityTicks: number;
}

const ASSETS: readonly AssetTemplate[] = [
  { symbol: 'USDT', name: 'Tether USD', decimals: 6, quantum: '1', deposit: '1000000' },
  { symbol: 'DAI', name: 'Dai Stablecoin', decimals: 18, quantum: '1', deposit: '1000000' },
];

/**
 * The market templates, in order: `markets: n` takes the first n (cycling, with a `#k` suffix
 * on code and name after the fifth). Price / position decimal places differ on purpose.
 */
const MARKETS: readonly MarketTemplate[] = [
  {
    code: 'BTCUSDT.PERP',
    name: 'Bitcoin / Tether USD Perpetual',
    product: 'perpetual',
    quoteName: 'USDT',
    asset: 'USDT',
    decimalPlaces: 5,
    positionDecimalPlaces: 4,
    initialPrice: '60000',
    tickSize: '1',
    lotSize: '0.01',
    maxPositionLots: 50,
    volatilityTicks: 4,
  },
  {
    code: 'ETHUSDT.PERP',
    name: 'Ether / Tether USD Perpetual',
    product: 'perpetual',
    quoteName: 'USDT',
    asset: 'USDT',
    decimalPlaces: 2,
    positionDecimalPlaces: 3,
    initialPrice: '3000',
    tickSize: '0.1',
    lotSize: '0.01',
    maxPositionLots: 100,
    volatilityTicks: 3,
  },
  {
    code: 'GOLD.FUT',
    name: 'Gold Futures (Dec)',
    product: 'future',
    quoteName: 'DAI',
    asset: 'DAI',
    decimalPlaces: 0,
    positionDecimalPlaces: 0,
    initialPrice: '2000',
    tickSize: '1',
    lotSize: '1',
    maxPositionLots: 30,
    volatilityTicks: 1,
  },
  {
    code: 'SOLUSDT.PERP',
    name: 'Solana / Tether USD Perpetual',
    product: 'perpetual',
    quoteName: 'USDT',
    asset: 'USDT',
    decimalPlaces: 3,
    positionDecimalPlaces: 1,
    initialPrice: '150',
    tickSize: '0.01',
    lotSize: '0.1',
    maxPositionLots: 100,
    volatilityTicks: 3,
  },
  {
    code: 'EURUSD.FUT',
    name: 'Euro / US Dollar Futures',
    product: 'future',
    quoteName: 'USDT',
    asset: 'USDT',
    decimalPlaces: 5,
    positionDecimalPlaces: 0,
    initialPrice: '1.08',
    tickSize: '0.00001',
    lotSize: '1000',
    maxPositionLots: 100,
    volatilityTicks: 2,
  },
];

const FEES = { maker: ratio('0.0002'), infrastructure: ratio('0.0005'), liquidity: ratio('0.0001') };
const RISK_FACTOR = ratio('0.05');
const SCALING = { search: ratio('1.1'), initial: ratio('1.2'), release: ratio('1.4') };

/**
 * Builds `count` market configurations (and the assets they settle in, in order of first use),
 * drawing ids from `ids`.
 */
export function buildMarkets(
  count: number,
  ids: IdSource,
): { assets: AssetConfig[]; markets: MarketConfig[] } {
  const assets = new Map<string, AssetConfig>();
  const markets: MarketConfig[] = [];
  for (let i = 0; i < count; i++) {
    const t = MARKETS[i % MARKETS.length] as MarketTemplate;
    const round = Math.floor(i / MARKETS.length);
    let asset = assets.get(t.asset);
    if (asset === undefined) {
      const a = ASSETS.find((x) => x.symbol === t.asset) as AssetTemplate;
      asset = {
        id: ids.next(),
        symbol: a.symbol,
        name: a.name,
        decimals: a.decimals,
        quantum: toUnits(a.quantum, a.decimals),
        depositPerParty: toUnits(a.deposit, a.decimals),
      };
      assets.set(t.asset, asset);
    }
    if (asset.decimals < t.decimalPlaces) throw new Error(`${t.code}: asset has fewer decimals than prices`);
    const suffix = round === 0 ? '' : ` #${round + 1}`;
    markets.push({
      id: ids.next(),
      code: t.code + suffix,
      name: t.name + suffix,
      product: t.product,
      quoteName: t.quoteName,
      asset,
      decimalPlaces: t.decimalPlaces,
      positionDecimalPlaces: t.positionDecimalPlaces,
      tickSize: toUnits(t.tickSize, t.decimalPlaces),
      lotSize: toUnits(t.lotSize, t.positionDecimalPlaces),
      initialPrice: toUnits(t.initialPrice, t.decimalPlaces),
      assetScale: pow10(asset.decimals - t.decimalPlaces),
      positionFactor: pow10(t.positionDecimalPlaces),
      fees: FEES,
      riskFactor: RISK_FACTOR,
      scaling: SCALING,
      maxPositionLots: t.maxPositionLots,
      volatilityTicks: t.volatilityTicks,
    });
  }
  return { assets: [...assets.values()], markets };
}
