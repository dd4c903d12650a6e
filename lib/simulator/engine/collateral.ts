import {
  AccountType,
  BusEventType,
  type Account,
  type AccountDetails,
  type LedgerMovement,
  type TransferType,
} from '../../codecs/index.js';
import type { EmitContext } from './event-writer.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const ACCOUNT_TYPE_EXTERNAL = AccountType.ACCOUNT_TYPE_EXTERNAL;
const BUS_EVENT_TYPE_ACCOUNT = BusEventType.BUS_EVENT_TYPE_ACCOUNT;
const BUS_EVENT_TYPE_LEDGER_MOVEMENTS = BusEventType.BUS_EVENT_TYPE_LEDGER_MOVEMENTS;

/** Owner of network accounts, as in core account ids. */
export const SYSTEM_OWNER = '*';
/** Market id of accounts that belong to no market, as in core account ids. */
export const NO_MARKET = '!';

/** One collateral account with its balance in asset units. */
export interface SimAccount {
  /** Core account id: `<market or !><owner or *><asset><type number>`. */
  readonly id: string;
  /** Party id, or `*` for network accounts. */
  readonly owner: string;
  /** Asset id. */
  readonly assetId: string;
  /** Market id, or `!` for accounts outside markets. */
  readonly marketId: string;
  /** Account type. */
  readonly type: AccountType;
  /** Balance in asset units (never negative). */
  balance: bigint;
  /** The account as ledger entries name it (owner / market only when they apply). */
  readonly details: AccountDetails;
}

/** The core id of an account. */
export function accountId(type: AccountType, assetId: string, owner: string, marketId: string): string {
  return `${marketId}${owner}${assetId}${type}`;
}

/** The account as an ACCOUNT event carries it. */
export function accountToProto(a: SimAccount, balance: string = a.balance.toString()): Account {
  return {
    id: a.id,
    owner: a.owner,
    balance,
    asset: a.assetId,
    marketId: a.marketId,
    type: a.type,
  };
}

/** The external (off-chain) account deposits come from: it has no balance in the simulator. */
export function externalDetails(assetId: string): AccountDetails {
  return { assetId, type: ACCOUNT_TYPE_EXTERNAL };
}

/**
 * Every collateral account of the simulated network. Balances only change through
 * {@link LedgerBatch.move}, so the total per asset is constant once the deposits are in.
 */
export class Collateral {
  private readonly byId = new Map<string, SimAccount>();

  /** All accounts, in creation order. */
  all(): IterableIterator<SimAccount> {
    return this.byId.values();
  }

  /** The account with this id, if it exists. */
  get(id: string): SimAccount | undefined {
    return this.byId.get(id);
  }

  /**
   * The account of this type, asset, owner (`*` for network) and market (`!` for none), created
   * with a zero balance and announced by an ACCOUNT event if it does not exist yet.
   */
  open(ctx: EmitContext, type: AccountType, assetId: string, owner: string, marketId: string): SimAccount {
    const id = accountId(type, assetId, owner, marketId);
    let acc = this.byId.get(id);
    if (acc === undefined) {
      const details: AccountDetails = { assetId, type };
      if (owner !== SYSTEM_OWNER) details.owner = owner;
      if (marketId !== NO_MARKET) details.marketId = marketId;
      // shared by every ledger entry that names the account: frozen so no consumer can alter it
      Object.freeze(details);
      acc = { id, owner, assetId, marketId, type, balance: 0n, details };
      this.byId.set(id, acc);
      ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_ACCOUNT, 'account', accountToProto(acc));
    }
    return acc;
  }

  /** Sum of all balances of an asset. */
  totalBalance(assetId: string): bigint {
    let total = 0n;
    for (const a of this.byId.values()) if (a.assetId === assetId) total += a.balance;
    return total;
  }
}

/**
 * A group of transfers that ends in one LEDGER_MOVEMENTS event, as one collateral operation of
 * the core: each move changes the two balances at once and emits an ACCOUNT event for each; the
 * ledger event follows on {@link flush}.
 */
export class LedgerBatch {
  private movements: LedgerMovement[] = [];

  constructor(private readonly ctx: EmitContext) {}

  /**
   * Moves `amount` (> 0; zero is ignored) from `from` (`null`: the external account, for
   * deposits) to `to`. Throws if `from` cannot cover it: callers size transfers first.
   */
  move(from: SimAccount | null, to: SimAccount, amount: bigint, type: TransferType): void {
    if (amount <= 0n) return;
    const { w, tx } = this.ctx;
    let fromBalance = '0';
    if (from !== null) {
      if (from.balance < amount) throw new Error(`account ${from.id} cannot pay ${amount} (has ${from.balance})`);
      from.balance -= amount;
      fromBalance = from.balance.toString();
      w.emit(tx, BUS_EVENT_TYPE_ACCOUNT, 'account', accountToProto(from, fromBalance));
    }
    to.balance += amount;
    const toBalance = to.balance.toString();
    w.emit(tx, BUS_EVENT_TYPE_ACCOUNT, 'account', accountToProto(to, toBalance));
    const text = amount.toString();
    this.movements.push({
      entries: [
        {
          fromAccount: from === null ? externalDetails(to.assetId) : from.details,
          toAccount: to.details,
          amount: text,
          type,
          timestamp: w.timeText,
          fromAccountBalance: fromBalance,
          toAccountBalance: toBalance,
        },
      ],
      balances: [{ account: to.details, balance: text }],
    });
  }

  /** Emits the LEDGER_MOVEMENTS event for the moves so far (nothing if there were none). */
  flush(): void {
    if (this.movements.length === 0) return;
    this.ctx.w.emit(this.ctx.tx, BUS_EVENT_TYPE_LEDGER_MOVEMENTS, 'ledgerMovements', {
      ledgerMovements: this.movements,
    });
    this.movements = [];
  }
}
