/**
 * vega-streams/simulator: a simulated Vega v0.79 data node for offline development, tests and
 * benchmarks. Node only.
 */
export { Simulator, type SimulatorOptions, type SubscriptionFilter } from './simulator.js';
export type { CoreBlock, CoreBlockSource } from './core-block.js';
export { createEngine, type Engine, type EngineOptions } from './engine/index.js';
export { DataNode, type DataNodeBlock } from './data-node/index.js';
export { RecordingSource } from './replay/index.js';
export type { Subscription } from './server/stream-server.js';
