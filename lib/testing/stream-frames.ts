import type {
  AccountBalance,
  MarketData,
  MarketDepth,
  MarketDepthUpdate,
  ObserveAccountsResponse,
  ObserveMarketsDataResponse,
  ObserveMarketsDepthResponse,
  ObserveMarketsDepthUpdatesResponse,
  ObserveOrdersResponse,
  ObservePositionsResponse,
  ObserveTradesResponse,
  Order,
  Position,
  Trade,
} from '../codecs/index.js';
import type { ResultFrame } from './fake-frame.js';
import { pages } from './pages.js';

/** Options of a snapshot frame. */
export interface SnapshotOptions {
  /** Whether this is the snapshot's last page (default true: a one-page snapshot). */
  readonly lastPage?: boolean;
}

const asList = <T>(items: T | readonly T[]): T[] => (Array.isArray(items) ? [...(items as readonly T[])] : [items as T]);

/** A `trades` frame (the node sends at most 50 trades a frame). */
export function tradesFrame(trades: Trade | readonly Trade[]): ResultFrame<ObserveTradesResponse> {
  return { result: { trades: asList(trades) } };
}

/** One page of an `orders` snapshot (the last page by default). */
export function ordersSnapshot(orders: readonly Order[], options: SnapshotOptions = {}): ResultFrame<ObserveOrdersResponse> {
  return { result: { snapshot: { orders: [...orders], lastPage: options.lastPage ?? true } } };
}

/** A whole `orders` snapshot as the node pages it: 50 a frame, `lastPage` on the last, at least one. */
export function ordersSnapshotPages(orders: readonly Order[]): ResultFrame<ObserveOrdersResponse>[] {
  const all = pages(orders);
  return all.map((page, i) => ordersSnapshot(page, { lastPage: i === all.length - 1 }));
}

/** An `orders` updates frame. */
export function ordersUpdates(orders: Order | readonly Order[]): ResultFrame<ObserveOrdersResponse> {
  return { result: { updates: { orders: asList(orders) } } };
}

/** One page of a `positions` snapshot (the last page by default). */
export function positionsSnapshot(positions: readonly Position[], options: SnapshotOptions = {}): ResultFrame<ObservePositionsResponse> {
  return { result: { snapshot: { positions: [...positions], lastPage: options.lastPage ?? true } } };
}

/** A whole `positions` snapshot as the node pages it: 50 a frame, `lastPage` on the last, at least one. */
export function positionsSnapshotPages(positions: readonly Position[]): ResultFrame<ObservePositionsResponse>[] {
  const all = pages(positions);
  return all.map((page, i) => positionsSnapshot(page, { lastPage: i === all.length - 1 }));
}

/** A `positions` updates frame. */
export function positionsUpdates(positions: Position | readonly Position[]): ResultFrame<ObservePositionsResponse> {
  return { result: { updates: { positions: asList(positions) } } };
}

/** One page of an `accounts` snapshot (the last page by default). */
export function accountsSnapshot(accounts: readonly AccountBalance[], options: SnapshotOptions = {}): ResultFrame<ObserveAccountsResponse> {
  return { result: { snapshot: { accounts: [...accounts], lastPage: options.lastPage ?? true } } };
}

/** A whole `accounts` snapshot as the node pages it: 50 a frame, `lastPage` on the last, at least one. */
export function accountsSnapshotPages(accounts: readonly AccountBalance[]): ResultFrame<ObserveAccountsResponse>[] {
  const all = pages(accounts);
  return all.map((page, i) => accountsSnapshot(page, { lastPage: i === all.length - 1 }));
}

/** An `accounts` updates frame. */
export function accountsUpdates(accounts: AccountBalance | readonly AccountBalance[]): ResultFrame<ObserveAccountsResponse> {
  return { result: { updates: { accounts: asList(accounts) } } };
}

/** A `markets/depth` frame: the full books of the markets that changed in a block. */
export function depthFrame(books: MarketDepth | readonly MarketDepth[]): ResultFrame<ObserveMarketsDepthResponse> {
  return { result: { marketDepth: asList(books) } };
}

/** A `markets/depth/updates` frame (the node sends one update a frame). */
export function depthUpdatesFrame(updates: MarketDepthUpdate | readonly MarketDepthUpdate[]): ResultFrame<ObserveMarketsDepthUpdatesResponse> {
  return { result: { update: asList(updates) } };
}

/** A `markets/data` frame: the data of every watched market, once a block. */
export function marketsDataFrame(data: MarketData | readonly MarketData[]): ResultFrame<ObserveMarketsDataResponse> {
  return { result: { marketData: asList(data) } };
}
