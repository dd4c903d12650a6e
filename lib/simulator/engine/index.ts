/**
 * The simulator's core engine: a deterministic, seeded Vega core that produces blocks of bus
 * events (orders, trades, accounts, ledger movements, margins, positions, market data, liquidity,
 * governance) from agents trading on several markets, and exposes the authoritative state.
 */
export {
  createEngine,
  DEFAULT_CHAIN_ID,
  DEFAULT_START_TIME_NS,
  MIN_BLOCK_STEP_NS,
  type Engine,
  type EngineOptions,
} from './engine.js';
export type {
  AmendLiquidityCommand,
  AmendOrderCommand,
  CancelLiquidityCommand,
  CancelOrderCommand,
  EngineCommand,
  SubmitLiquidityCommand,
  SubmitOrderCommand,
  SubmitProposalCommand,
  VoteCommand,
} from './commands.js';
export type { AssetConfig, MarketConfig } from './market-config.js';
export type { Ratio } from './decimal.js';
export type { Seed } from './prng.js';
export type { AccountView, BookLevel, BookView, MarginView, MarketPrices, PositionView, SubmitReceipt } from './views.js';
