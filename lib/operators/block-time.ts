import type {
  ObserveEventBusResponse,
  ObserveLedgerMovementsResponse,
  ObserveLiquidityProvisionsResponse,
  ObserveMarginLevelsResponse,
  ObserveMarketsDataResponse,
  ObserveOrdersResponse,
  ObservePositionsResponse,
  ObserveTradesResponse,
} from '../codecs/index.js';
import { compareDecimal } from '../decimals/index.js';
import { nonZero, ORDERS, POSITIONS } from './snapshot-kinds.js';

/**
 * The block time of a frame, per route, for the routes whose items carry it (ns since the epoch,
 * as the int64 decimal string of the wire: compare with {@link compareBlockTimes} or `===`, never
 * through `Number`). Each reader returns the time of the first item that has one, or undefined
 * when the frame has no item or no time (an empty frame, a snapshot page, an all-default item).
 * Items of one block share the block time, so this is the frame's block.
 *
 * Routes left out carry no block time: accounts (balances have no time), markets/depth and
 * markets/depth/updates (their `sequenceNumber` is the block time truncated to µs plus an event
 * sequence, different per market within one block, so it names neither the block nor its time),
 * candles, votes, governance and transaction results (not per-block streams).
 */
export const blockTimeOf = {
  /** `trades[].timestamp`. */
  trades: (response: ObserveTradesResponse): string | undefined => firstTime(response.trades, (trade) => trade.timestamp),
  /** `updates.orders[]`: `updatedAt`, else `createdAt` (a new order). Snapshot pages: undefined. */
  orders: (response: ObserveOrdersResponse): string | undefined =>
    firstTime(response.updates?.orders, ORDERS.blockTime),
  /** `updates.positions[].updatedAt`. Snapshot pages: undefined. */
  positions: (response: ObservePositionsResponse): string | undefined =>
    firstTime(response.updates?.positions, POSITIONS.blockTime),
  /** `marketData[].timestamp`. */
  marketsData: (response: ObserveMarketsDataResponse): string | undefined =>
    firstTime(response.marketData, (data) => data.timestamp),
  /** `ledgerMovement.entries[].timestamp` (post-transfer balances carry no time). */
  ledgerMovements: (response: ObserveLedgerMovementsResponse): string | undefined =>
    firstTime(response.ledgerMovement?.entries, (entry) => entry.timestamp),
  /** `liquidityProvisions[]`: `updatedAt`, else `createdAt`. */
  liquidityProvisions: (response: ObserveLiquidityProvisionsResponse): string | undefined =>
    firstTime(response.liquidityProvisions, (provision) => nonZero(provision.updatedAt) ?? provision.createdAt),
  /** `marginLevels.timestamp`. */
  marginLevels: (response: ObserveMarginLevelsResponse): string | undefined => nonZero(response.marginLevels?.timestamp),
  /**
   * The timestamp of a BEGIN_BLOCK (or TIME_UPDATE) event in the frame; undefined for frames
   * without one, which then belong to the block already open in `batchByBlock`. With
   * `batchSize` 0 each block starts a new frame with BEGIN_BLOCK first. With a market or party
   * filter there are no such events, so blocks close by quiet period only. A frame mixing the end
   * of one block and the start of the next (`batchSize` > 0) is not split: it counts as the next
   * block.
   */
  eventBus: (response: ObserveEventBusResponse): string | undefined =>
    firstTime(response.events, (event) => nonZero(event.beginBlock?.timestamp) ?? event.timeUpdate?.timestamp),
} as const;

/** The routes {@link blockTimeOf} can read a block time from. */
export type BlockTimedRoute = keyof typeof blockTimeOf;

/**
 * Orders two block times (int64 decimal strings, canonical: no `+`, no leading zeros): negative
 * when `a` is earlier, 0 when equal, positive when later. Exact at any magnitude (no `Number`).
 */
export function compareBlockTimes(a: string, b: string): number {
  return compareDecimal(a, b);
}

function firstTime<T>(items: readonly T[] | undefined, timeOf: (item: T) => string | undefined): string | undefined {
  if (!items) return undefined;
  for (const item of items) {
    const time = nonZero(timeOf(item));
    if (time !== undefined) return time;
  }
  return undefined;
}
