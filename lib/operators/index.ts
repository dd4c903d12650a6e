/**
 * vega-streams/operators: operators that turn raw per-block responses into the state they
 * describe (books, orders, positions, accounts), kept right through reconnects, gaps and bad
 * data, plus batching, alignment, conflation, sharing and exact decimals.
 *
 * @module vega-streams/operators
 */
export { decode, type DecodeConfig, type DecodeErrorPolicy, type SkippedFrameError } from './decode.js';
export {
  accumulateSnapshot,
  accumulateOrders,
  accumulatePositions,
  accumulateAccounts,
  type AccumulateConfig,
  type SnapshotState,
  type StateChanges,
} from './accumulate-snapshot.js';
export { ORDERS, POSITIONS, ACCOUNTS, type SnapshotKind, type SnapshotPageOf } from './snapshot-kinds.js';
export { orderBook, type OrderBookConfig, type OrderBookState, type DepthUpdateInput } from './order-book.js';
export { marketBook, type MarketBookConfig } from './market-book.js';
export * from './retry-backoff.js';
export * from './block-time.js';
export * from './batch-by-block.js';
export * from './align-blocks.js';
export * from './conflate-map.js';
export * from './share-streams.js';
export * from '../decimals/index.js';
export * from '../book/index.js';
