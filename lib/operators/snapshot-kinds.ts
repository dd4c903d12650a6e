import {
  OrderStatus,
  type AccountBalance,
  type ObserveAccountsResponse,
  type ObserveOrdersResponse,
  type ObservePositionsResponse,
  type Order,
  type Position,
} from '../codecs/index.js';

/** One snapshot page as a snapshot route sends it. */
export interface SnapshotPageOf<T> {
  /** The page's items. */
  readonly items: readonly T[];
  /** True on the snapshot's last page. */
  readonly lastPage: boolean;
}

/**
 * How to read one of the routes that start with a paged snapshot and go on with updates
 * (orders, positions, accounts): where the items are, what identifies an item, and when an
 * item leaves the live set. Used by the snapshot-accumulation operators and by shared
 * subscriptions (which rebuild a snapshot for late subscribers).
 */
export interface SnapshotKind<R, T> {
  /** The route name, e.g. `orders`. */
  readonly name: string;
  /** The snapshot page a frame carries, if it is a snapshot frame. */
  snapshot(response: R): SnapshotPageOf<T> | undefined;
  /** The updates a frame carries, if it is an update frame. */
  updates(response: R): readonly T[] | undefined;
  /** The key of an item in the state: unique per live item. */
  key(item: T): string;
  /** False when an update takes the item out of the state (a filled or cancelled order). */
  isLive(item: T): boolean;
  /** The block time of an update item (ns, as a string), when the item carries one. */
  blockTime(item: T): string | undefined;
  /** A frame carrying a snapshot page (to rebuild a snapshot for a late subscriber). */
  snapshotFrame(items: T[], lastPage: boolean): R;
}

const LIVE_ORDER_STATUSES: ReadonlySet<number> = new Set([OrderStatus.STATUS_ACTIVE, OrderStatus.STATUS_PARKED]);

/** Orders by order id; an order stays while ACTIVE or PARKED and leaves with any other status. */
export const ORDERS: SnapshotKind<ObserveOrdersResponse, Order> = {
  name: 'orders',
  snapshot: (r) => r.snapshot && { items: r.snapshot.orders, lastPage: r.snapshot.lastPage },
  updates: (r) => r.updates?.orders,
  key: (order) => order.id,
  isLive: (order) => LIVE_ORDER_STATUSES.has(order.status),
  blockTime: (order) => nonZero(order.updatedAt) ?? nonZero(order.createdAt),
  snapshotFrame: (orders, lastPage) => ({ snapshot: { orders, lastPage } }),
};

/** Positions by market and party; a position stays in the state (a flat one too). */
export const POSITIONS: SnapshotKind<ObservePositionsResponse, Position> = {
  name: 'positions',
  snapshot: (r) => r.snapshot && { items: r.snapshot.positions, lastPage: r.snapshot.lastPage },
  updates: (r) => r.updates?.positions,
  key: (position) => `${position.marketId}/${position.partyId}`,
  isLive: () => true,
  blockTime: (position) => nonZero(position.updatedAt),
  snapshotFrame: (positions, lastPage) => ({ snapshot: { positions, lastPage } }),
};

/**
 * Account balances by owner, market, asset and type; an account stays in the state (an empty
 * one too). Balances carry no time, so account blocks are closed by a quiet period only.
 */
export const ACCOUNTS: SnapshotKind<ObserveAccountsResponse, AccountBalance> = {
  name: 'accounts',
  snapshot: (r) => r.snapshot && { items: r.snapshot.accounts, lastPage: r.snapshot.lastPage },
  updates: (r) => r.updates?.accounts,
  key: (account) => `${account.owner}/${account.marketId}/${account.asset}/${account.type}`,
  isLive: () => true,
  blockTime: () => undefined,
  snapshotFrame: (accounts, lastPage) => ({ snapshot: { accounts, lastPage } }),
};

/** A time as decoded, or undefined for "no time": the wire omits zeros, which decode as "0". */
export function nonZero(time: string | undefined): string | undefined {
  return time === undefined || time === '0' || time === '' ? undefined : time;
}
