import {
  AssetStatus,
  CompositePriceType,
  DepositStatus,
  LiquidityFeeSettingsMethod,
  MarketState,
  MarketTradingMode,
  type Asset,
  type Deposit,
  type Instrument,
  type Market,
} from '../../codecs/index.js';
import type { AssetConfig, MarketConfig } from './market-config.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const STATUS_ENABLED = AssetStatus.STATUS_ENABLED;
const COMPOSITE_PRICE_TYPE_LAST_TRADE = CompositePriceType.COMPOSITE_PRICE_TYPE_LAST_TRADE;
const STATUS_FINALIZED = DepositStatus.STATUS_FINALIZED;
const METHOD_CONSTANT = LiquidityFeeSettingsMethod.METHOD_CONSTANT;
const STATE_ACTIVE = MarketState.STATE_ACTIVE;
const TRADING_MODE_CONTINUOUS = MarketTradingMode.TRADING_MODE_CONTINUOUS;

/** The ASSET event payload of an enabled built-in asset. */
export function assetToProto(a: AssetConfig): Asset {
  return {
    id: a.id,
    details: {
      name: a.name,
      symbol: a.symbol,
      decimals: String(a.decimals),
      quantum: a.quantum.toString(),
      builtinAsset: { maxFaucetAmountMint: (a.depositPerParty * 10n).toString() },
    },
    status: STATUS_ENABLED,
  };
}

function instrumentOf(m: MarketConfig): Instrument {
  const base: Instrument = {
    id: '',
    code: m.code,
    name: m.name,
    metadata: { tags: [`product:${m.product === 'perpetual' ? 'perpetuals' : 'futures'}`, 'simulated'] },
  };
  if (m.product === 'perpetual') {
    base.perpetual = {
      settlementAsset: m.asset.id,
      quoteName: m.quoteName,
      marginFundingFactor: '0',
      interestRate: '0',
      clampLowerBound: '0',
      clampUpperBound: '0',
    };
  } else {
    base.future = { settlementAsset: m.asset.id, quoteName: m.quoteName };
  }
  return base;
}

/** The MARKET_CREATED event payload: an active market in continuous trading, opened at `timeText`. */
export function marketToProto(m: MarketConfig, timeText: string): Market {
  return {
    id: m.id,
    tradableInstrument: {
      instrument: instrumentOf(m),
      marginCalculator: { scalingFactors: { searchLevel: 1.1, initialMargin: 1.2, collateralRelease: 1.4 } },
      simpleRiskModel: {
        params: {
          factorLong: Number(m.riskFactor.text),
          factorShort: Number(m.riskFactor.text),
          maxMoveUp: 0,
          minMoveDown: 0,
          probabilityOfTrading: 0.1,
        },
      },
    },
    decimalPlaces: String(m.decimalPlaces),
    fees: {
      factors: {
        makerFee: m.fees.maker.text,
        infrastructureFee: m.fees.infrastructure.text,
        liquidityFee: m.fees.liquidity.text,
        treasuryFee: '0',
        buyBackFee: '0',
      },
      liquidityFeeSettings: { method: METHOD_CONSTANT, feeConstant: m.fees.liquidity.text },
    },
    openingAuction: { duration: '0', volume: '0' },
    priceMonitoringSettings: { parameters: { triggers: [] } },
    liquidityMonitoringParameters: {
      targetStakeParameters: { timeWindow: '3600', scalingFactor: 0.1 },
      triggeringRatio: '0',
      auctionExtension: '0',
    },
    tradingMode: TRADING_MODE_CONTINUOUS,
    state: STATE_ACTIVE,
    marketTimestamps: { proposed: timeText, pending: timeText, open: timeText, close: '0' },
    positionDecimalPlaces: String(m.positionDecimalPlaces),
    lpPriceRange: '0.1',
    linearSlippageFactor: '0.001',
    quadraticSlippageFactor: '0',
    liquiditySlaParams: {
      priceRange: '0.1',
      commitmentMinTimeFraction: '0.5',
      performanceHysteresisEpochs: '1',
      slaCompetitionFactor: '0.5',
    },
    markPriceConfiguration: {
      decayWeight: '0',
      decayPower: '0',
      cashAmount: '0',
      sourceWeights: [],
      sourceStalenessTolerance: [],
      compositePriceType: COMPOSITE_PRICE_TYPE_LAST_TRADE,
      dataSourcesSpec: [],
      dataSourcesSpecBinding: [],
    },
    tickSize: m.tickSize.toString(),
    enableTransactionReordering: false,
    allowedEmptyAmmLevels: '0',
    allowedSellers: [],
  };
}

/** The DEPOSIT event payload of a finalised deposit. */
export function depositToProto(id: string, partyId: string, a: AssetConfig, txHash: string, timeText: string): Deposit {
  return {
    id,
    status: STATUS_FINALIZED,
    partyId,
    asset: a.id,
    amount: a.depositPerParty.toString(),
    txHash: `0x${txHash}`,
    creditedTimestamp: timeText,
    createdTimestamp: timeText,
  };
}
