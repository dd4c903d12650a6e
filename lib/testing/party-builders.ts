import { AccountBalanceCodec, AccountType, PositionCodec, type AccountBalance, type Position } from '../codecs/index.js';
import { DEFAULT_ASSET_ID, DEFAULT_MARKET_ID, DEFAULT_PARTY_ID, timeNs } from './ids.js';
import { DEFAULT_PRICE } from './trading-builders.js';
import { definedFields, zeroOf } from './zero-value.js';

/**
 * A position with realistic defaults, overridden by `fields`: the default party long 1 on the
 * default market at {@link DEFAULT_PRICE}, PnL and fees `"0"` (decimal strings arrive as "0",
 * not left out), updated at the base block time.
 *
 * @example position({ openVolume: '-5', unrealisedPnl: '-1200' })
 */
export function position(fields: Partial<Position> = {}): Position {
  return {
    ...zeroOf(PositionCodec),
    marketId: DEFAULT_MARKET_ID,
    partyId: DEFAULT_PARTY_ID,
    openVolume: '1',
    realisedPnl: '0',
    unrealisedPnl: '0',
    averageEntryPrice: DEFAULT_PRICE,
    updatedAt: timeNs(),
    lossSocialisationAmount: '0',
    takerFeesPaid: '0',
    makerFeesReceived: '0',
    feesPaid: '0',
    takerFeesPaidSince: '0',
    makerFeesReceivedSince: '0',
    feesPaidSince: '0',
    fundingPaymentAmount: '0',
    fundingPaymentAmountSince: '0',
    ...definedFields(fields),
  };
}

/**
 * An account balance with realistic defaults, overridden by `fields`: the default party's
 * general account in the default asset (no market), holding 1 000 000 000 asset units.
 * Balances carry no time (PROTOCOL.md section 1).
 *
 * @example account({ type: AccountType.ACCOUNT_TYPE_MARGIN, marketId: DEFAULT_MARKET_ID, balance: '5000' })
 */
export function account(fields: Partial<AccountBalance> = {}): AccountBalance {
  return {
    ...zeroOf(AccountBalanceCodec),
    owner: DEFAULT_PARTY_ID,
    balance: '1000000000',
    asset: DEFAULT_ASSET_ID,
    type: AccountType.ACCOUNT_TYPE_GENERAL,
    ...definedFields(fields),
  };
}
