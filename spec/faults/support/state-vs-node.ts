/**
 * What the fault specs compare: the state the library keeps (books, live orders, positions,
 * accounts) and the simulator's authoritative state, in one printable shape, so that a failed
 * comparison shows the difference (spec/support/state-comparison.ts).
 */
import { ACCOUNTS, ORDERS, POSITIONS, type OrderBookState, type SnapshotState } from '../../../lib/operators/index.js';
import type { AccountBalance, Order, Position } from '../../../lib/index.js';
import type { Simulator } from '../../../lib/simulator/index.js';
import { byKey, levels } from '../../support/state-comparison.js';

export interface BookView {
  readonly sequenceNumber: string;
  readonly bids: string[];
  readonly asks: string[];
}

/** Everything compared, per market and per route. */
export interface StateView {
  readonly books: Record<string, BookView | undefined>;
  readonly orders: Record<string, string> | undefined;
  readonly positions: Record<string, string> | undefined;
  readonly accounts: Record<string, string> | undefined;
}

/** The latest states the spec's subscriptions have seen. */
export interface LatestStates {
  readonly books: Map<string, OrderBookState>;
  orders: SnapshotState<Order> | undefined;
  positions: SnapshotState<Position> | undefined;
  accounts: SnapshotState<AccountBalance> | undefined;
}

/** The library's side. */
export function libraryView(latest: LatestStates, markets: readonly string[]): StateView {
  const books: Record<string, BookView | undefined> = {};
  for (const market of markets) {
    const book = latest.books.get(market);
    books[market] = book && { sequenceNumber: book.sequenceNumber, bids: levels(book.bids), asks: levels(book.asks) };
  }
  return {
    books,
    orders: latest.orders && byKey(latest.orders.items.values(), ORDERS.key),
    positions: latest.positions && byKey(latest.positions.items.values(), POSITIONS.key),
    accounts: latest.accounts && byKey(latest.accounts.items.values(), ACCOUNTS.key),
  };
}

/** The simulator's side: its data node's authoritative state. */
export function nodeView(sim: Simulator, markets: readonly string[], party: string): StateView {
  const books: Record<string, BookView | undefined> = {};
  for (const market of markets) {
    const depth = sim.node.marketDepth(market);
    books[market] = { sequenceNumber: depth.sequenceNumber, bids: levels(depth.buy), asks: levels(depth.sell) };
  }
  return {
    books,
    orders: byKey(sim.node.liveOrders(), ORDERS.key),
    positions: byKey(sim.node.positions({ partyId: party }), POSITIONS.key),
    accounts: byKey(sim.node.accountBalances({ partyId: party }), ACCOUNTS.key),
  };
}
