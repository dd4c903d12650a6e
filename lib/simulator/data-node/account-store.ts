import { AccountType } from '../../codecs/index.js';
import type { Account, AccountBalance } from '../../codecs/index.js';
import { BlockBatch, type BatchSlot } from './block-batch.js';

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

/** Filters of {@link DataNode.accountBalances}; an absent (or "") field matches everything. */
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

/** True when two balances are of the same account (owner, asset, market, type). */
function sameAccount(a: AccountBalance, b: AccountBalance): boolean {
  return a.owner === b.owner && a.asset === b.asset && a.marketId === b.marketId && a.type === b.type;
}

/** One account (owner, asset, market, type): its latest balance. */
interface AccountRecord extends BatchSlot {
  balance: AccountBalance;
}

/**
 * Account balances: the latest balance of every account, and each block's updates (the last
 * balance of each account the block touched, in order of last update, as the real balance batcher).
 */
export class AccountStore {
  /** Every account, in order of first appearance. */
  private readonly records: AccountRecord[] = [];
  private readonly changed = new BlockBatch<AccountRecord>();
  /** owner, then asset, then market id, then type: the account's record (no key string built per event). */
  private readonly byKey = new Map<string, Map<string, Map<string, Map<AccountType, AccountRecord>>>>();
  /** The record each core account id was last found at: one lookup instead of four, checked before use. */
  private readonly byCoreId = new Map<string, AccountRecord>();

  /** An ACCOUNT event. */
  add(account: Account): void {
    const balance = toAccountBalance(account);
    let record = this.byCoreId.get(account.id);
    if (record === undefined || !sameAccount(record.balance, balance)) {
      record = this.recordOf(balance);
      this.byCoreId.set(account.id, record);
    }
    record.balance = balance;
    this.changed.touch(record);
  }

  /** The one record of an account (owner, asset, market, type), created on first sight. */
  private recordOf(balance: AccountBalance): AccountRecord {
    let byAsset = this.byKey.get(balance.owner);
    if (!byAsset) this.byKey.set(balance.owner, (byAsset = new Map()));
    let byMarket = byAsset.get(balance.asset);
    if (!byMarket) byAsset.set(balance.asset, (byMarket = new Map()));
    let byType = byMarket.get(balance.marketId);
    if (!byType) byMarket.set(balance.marketId, (byType = new Map()));
    let record = byType.get(balance.type);
    if (!record) {
      record = { batchPosition: 0, balance };
      byType.set(balance.type, record);
      this.records.push(record);
    }
    return record;
  }

  /** The block's balance updates, then starts a new block. */
  flush(): AccountBalance[] {
    return this.changed.drain().map((record) => record.balance);
  }

  /** Every known account balance matching the filter, in order of first appearance. */
  query(filter: AccountFilter = {}): AccountBalance[] {
    const out: AccountBalance[] = [];
    for (const { balance } of this.records) if (matchesAccountFilter(balance, filter)) out.push(balance);
    return out;
  }

  /** Every account owner. */
  ownerIds(): string[] {
    return [...new Set(this.records.map((r) => r.balance.owner))];
  }
}
