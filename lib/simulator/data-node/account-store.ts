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

/** Identity of one account (owner, asset, market, type) as a map key. */
type AccountSlot = Record<string, never>;

/**
 * Account balances: the latest balance of every account, and each block's updates (the last
 * balance of each account the block touched, in order of last update, as the real balance batcher).
 */
export class AccountStore {
  /** Every account's latest balance, keyed by the account's slot, in order of first appearance. */
  private readonly balances = new Map<AccountSlot, AccountBalance>();
  private readonly changed = new LatestByKey<AccountSlot, AccountBalance>();
  /** owner, then asset, then market id, then type: the account's slot (no key string built per event). */
  private readonly slots = new Map<string, Map<string, Map<string, Map<AccountType, AccountSlot>>>>();

  /** An ACCOUNT event. */
  add(account: Account): void {
    const balance = toAccountBalance(account);
    const slot = this.slotOf(balance);
    this.balances.set(slot, balance);
    this.changed.set(slot, balance);
  }

  /** The one slot of an account (owner, asset, market, type), created on first sight. */
  private slotOf(balance: AccountBalance): AccountSlot {
    let byAsset = this.slots.get(balance.owner);
    if (!byAsset) this.slots.set(balance.owner, (byAsset = new Map()));
    let byMarket = byAsset.get(balance.asset);
    if (!byMarket) byAsset.set(balance.asset, (byMarket = new Map()));
    let byType = byMarket.get(balance.marketId);
    if (!byType) byMarket.set(balance.marketId, (byType = new Map()));
    let slot = byType.get(balance.type);
    if (!slot) byType.set(balance.type, (slot = {}));
    return slot;
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
