import { TransferType, type Fee } from '../../codecs/index.js';
import { mulFloor } from './decimal.js';
import type { LedgerBatch, SimAccount } from './collateral.js';
import type { MarketConfig } from './market-config.js';
import type { PartyMarket } from './party-market.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const TRANSFER_TYPE_INFRASTRUCTURE_FEE_PAY = TransferType.TRANSFER_TYPE_INFRASTRUCTURE_FEE_PAY;
const TRANSFER_TYPE_LIQUIDITY_FEE_PAY = TransferType.TRANSFER_TYPE_LIQUIDITY_FEE_PAY;
const TRANSFER_TYPE_MAKER_FEE_PAY = TransferType.TRANSFER_TYPE_MAKER_FEE_PAY;
const TRANSFER_TYPE_MAKER_FEE_RECEIVE = TransferType.TRANSFER_TYPE_MAKER_FEE_RECEIVE;

/** The fees of one trade, paid by the aggressor, in asset units. */
export interface TradeFees {
  /** To the passive party. */
  readonly maker: bigint;
  /** To the network's infrastructure fee account. */
  readonly infrastructure: bigint;
  /** To the market's liquidity fee account (shared among liquidity providers). */
  readonly liquidity: bigint;
}

/** No fees (the passive side of a trade). */
export const NO_FEES: TradeFees = { maker: 0n, infrastructure: 0n, liquidity: 0n };

/** Trade value in asset units: price x size, scaled to asset decimals (truncated). */
export function tradeValue(cfg: MarketConfig, price: bigint, size: bigint): bigint {
  return (price * cfg.assetScale * size) / cfg.positionFactor;
}

/** Each fee = trade value x fee factor, truncated. */
export function tradeFees(cfg: MarketConfig, price: bigint, size: bigint): TradeFees {
  const value = tradeValue(cfg, price, size);
  return {
    maker: mulFloor(value, cfg.fees.maker),
    infrastructure: mulFloor(value, cfg.fees.infrastructure),
    liquidity: mulFloor(value, cfg.fees.liquidity),
  };
}

/** Sum of the three fees. */
export function feeTotal(f: TradeFees): bigint {
  return f.maker + f.infrastructure + f.liquidity;
}

/** A `vega.Fee` for a trade event (unused discount and rebate fields "0"). */
export function feeToProto(f: TradeFees): Fee {
  return {
    makerFee: f.maker.toString(),
    infrastructureFee: f.infrastructure.toString(),
    liquidityFee: f.liquidity.toString(),
    makerFeeVolumeDiscount: '0',
    infrastructureFeeVolumeDiscount: '0',
    liquidityFeeVolumeDiscount: '0',
    makerFeeReferrerDiscount: '0',
    infrastructureFeeReferrerDiscount: '0',
    liquidityFeeReferrerDiscount: '0',
    treasuryFee: '0',
    buyBackFee: '0',
    highVolumeMakerFee: '0',
  };
}

/** The network fee accounts of a market. */
export interface FeeAccounts {
  /** Market maker-fee pass-through account. */
  readonly maker: SimAccount;
  /** Asset-wide infrastructure fee account. */
  readonly infrastructure: SimAccount;
  /** Market liquidity fee account. */
  readonly liquidity: SimAccount;
}

/** Takes `amount` from the party's general account, then from its margin account for the rest. */
export function debitParty(batch: LedgerBatch, pm: PartyMarket, to: SimAccount, amount: bigint, type: TransferType): void {
  const fromGeneral = amount < pm.general.balance ? amount : pm.general.balance;
  batch.move(pm.general, to, fromGeneral, type);
  if (amount > fromGeneral) {
    if (pm.margin === undefined) throw new Error(`party ${pm.partyId} cannot pay ${amount}`);
    batch.move(pm.margin, to, amount - fromGeneral, type);
  }
}

/**
 * Moves one aggression's fees, aggregated as the core does: the aggressor pays the maker, the
 * infrastructure and the liquidity fee totals into the network accounts, then the maker-fee account
 * pays each passive party its share.
 */
export function transferFees(
  batch: LedgerBatch,
  accounts: FeeAccounts,
  aggressor: PartyMarket,
  makerShares: ReadonlyMap<PartyMarket, bigint>,
  total: TradeFees,
): void {
  debitParty(batch, aggressor, accounts.maker, total.maker, TRANSFER_TYPE_MAKER_FEE_PAY);
  debitParty(batch, aggressor, accounts.infrastructure, total.infrastructure, TRANSFER_TYPE_INFRASTRUCTURE_FEE_PAY);
  debitParty(batch, aggressor, accounts.liquidity, total.liquidity, TRANSFER_TYPE_LIQUIDITY_FEE_PAY);
  for (const [maker, amount] of makerShares) {
    batch.move(accounts.maker, maker.general, amount, TRANSFER_TYPE_MAKER_FEE_RECEIVE);
  }
}
