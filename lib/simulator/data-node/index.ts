/**
 * The simulated data-node layer: derives every stream route's state and per-block output from
 * core blocks, as the v0.79 data node does.
 */
export { DataNode } from './data-node.js';
export type { AppliedBlock, DataNodeOptions } from './data-node.js';
export type { DataNodeBlock } from './data-node-block.js';
export type { AccountFilter } from './account-store.js';
export { toAccountBalance } from './account-store.js';
export type { OrderFilter } from './order-store.js';
export { isLiveOrder } from './order-store.js';
export type { PositionFilter, PositionStoreOptions } from './position-store.js';
export type { CandleRange, CandleUpdate } from './candle-store.js';
export { bucketStart, parseCandleId, CANDLE_ORIGIN_NS, CANDLE_INTERVAL_NAMES } from './candle-store.js';
export { depthSequenceNumber, eventSequence, truncateToMicros } from './event-sequence.js';
export { toDataNodeTrade } from './data-node-trade.js';
export { toDataNodeOrder } from './data-node-order.js';
export { Decimal, DIVISION_PRECISION } from './decimal.js';
