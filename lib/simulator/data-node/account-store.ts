import { AccountType } from '../../codecs/index.js';
import type { Account, AccountBalance } from '../../codecs/index.js';
import { LatestByKey } from './latest-by-key.js';

/** The core's owner of network accounts. */
export const CORE_NETWORK_OWNER = '*';
/** The core's market id of accounts that belong to no market. */
export const CORE_NO_MARKET = '!';

/**
 * A core ACCOUNT event as the data node's `AccountBalance` (`entities.AccountFromProto` then
 * `AccountBalance.ToProto`): the id is dropped, owner `*` becomes `network`, market `!` becomes "".
 */
export function toAccountBalance(account: Account): AccountBalance {
  return {
    owner: account.owner === CORE_NETWORK_OWNER ? 'network' : account.owner,
    balance: account.balance,
    asset: account.asset,
    marketId: account.marketId === CORE_NO_MARKET ? '' : account.marketId,
    type: account.type,
  };
}

/** Filters of {@link AccountStore.query}; an absent (or "") field matches everything. */
export interface AccountFilter {
  /** Owner party id (`network` for network accounts). */
  readonly partyId?: string;
  /** Market id ("" does not filter, as the real node treats an empty filter). */
  readonly marketId?: string;
  /** Asset id. */
  readonly asset?: string;
  /** Account type (UNSPECIFIED matches every type). */
  readonly type?: AccountType;
}

/** True when a balance passes a filter (`ObserveAccountBalances`'s predicate). */
export function matchesAccountFilter(balance: AccountBalance, filter: AccountFilter): boolean {
  return (
    (!filter.marketId || filter.marketId === balance.marketId) &&
    (!filter.partyId || filter.partyId === balance.owner) &&
    (!filter.asset || filter.asset === balance.asset) &&
    (filter.type === undefined || filter.type === AccountType.ACCOUNT_TYPE_UNSPECIFIED || filter.type === balance.type)
  );
}

/**
 * Account balances: the latest balance of every account, and each block's updates (the last
 * balance of each account the block touched, in order of last update, as the real balance batcher).
 */
export class AccountStore {
  private readonly balances = new Map<string, AccountBalance>();
  private readonly changed = new LatestByKey<string, AccountBalance>();

  /** An ACCOUNT event. */
  add(account: Account): void {
    const balance = toAccountBalance(account);
    const k = `${balance.owner}/${balance.asset}/${balance.marketId}/${balance.type}`;
    this.balances.set(k, balance);
    this.changed.set(k, balance);
  }

  /** The block's balance updates, then starts a new block. */
  flush(): AccountBalance[] {
    return this.changed.flush();
  }

  /** Every known account balance matching the filter, in order of first appearance. */
  query(filter: AccountFilter = {}): AccountBalance[] {
    return [...this.balances.values()].filter((b) => matchesAccountFilter(b, filter));
  }

  /** Every account owner. */
  ownerIds(): string[] {
    return [...new Set([...this.balances.values()].map((b) => b.owner))];
  }
}
