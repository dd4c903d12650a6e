/**
 * vega-streams/simulator: a simulated Vega v0.79 data node for offline development, tests and
 * benchmarks. Node only.
 *
 * @module vega-streams/simulator
 */
export { Simulator, type SimulatorOptions, type SubscriptionFilter } from './simulator.js';
export type { CoreBlock, CoreBlockSource } from './core-block.js';
export { createEngine, type Engine, type EngineOptions } from './engine/index.js';
export type {
  AccountView,
  AmendLiquidityCommand,
  AmendOrderCommand,
  AssetConfig,
  BookLevel,
  BookView,
  CancelLiquidityCommand,
  CancelOrderCommand,
  EngineCommand,
  MarginView,
  MarketConfig,
  MarketPrices,
  PositionView,
  Ratio,
  Seed,
  SubmitLiquidityCommand,
  SubmitOrderCommand,
  SubmitProposalCommand,
  SubmitReceipt,
  VoteCommand,
} from './engine/index.js';
export { DataNode, type DataNodeBlock } from './data-node/index.js';
export type {
  AccountFilter,
  AppliedBlock,
  CandleRange,
  CandleUpdate,
  DataNodeOptions,
  OrderFilter,
  PositionFilter,
  PositionStoreOptions,
} from './data-node/index.js';
export { RecordingSource } from './replay/index.js';
export type { StreamServer, StreamServerOptions, Subscription } from './server/stream-server.js';
export type { FrameSink } from './server/frame-sink.js';
