import type {
  AccountBalance,
  BusEvent,
  GovernanceData,
  LedgerMovement,
  LiquidityProvision,
  MarginLevels,
  Market,
  MarketData,
  MarketDepth,
  MarketDepthUpdate,
  Order,
  Position,
  Trade,
  TransactionResult,
  Vote,
} from '../../codecs/index.js';
import type { CandleUpdate } from './candle-store.js';

/**
 * What every stream route publishes for one core block, before per-subscriber filtering and
 * paging (the wire server filters by market, party… and splits into frames of 50). Every value is
 * a complete value of its generated type (defaults filled in); lists are in publication order.
 */
export interface DataNodeBlock {
  /** Block height. */
  readonly height: bigint;
  /** Block hash, 64 lowercase hex characters. */
  readonly hash: string;
  /** Block time in Unix ns (the `timestamp`/`updatedAt` of the block's items). */
  readonly timeNs: bigint;
  /** The block's core events, unchanged (`event/bus`; BEGIN_BLOCK first, END_BLOCK last). */
  readonly busEvents: readonly BusEvent[];
  /** `trades`: every trade, in event order, as the data node re-prints them. */
  readonly trades: readonly Trade[];
  /** `orders` updates: the last state of each (order id, version) the block touched, in order of last update. */
  readonly orders: readonly Order[];
  /** `positions` updates: the last state of each position the block touched, in order of last update. */
  readonly positions: readonly Position[];
  /** `accounts` updates: the last balance of each account the block touched, in order of last update. */
  readonly accounts: readonly AccountBalance[];
  /** `markets/depth`: the full book of each market whose book changed (buy descending, sell ascending). */
  readonly marketDepths: readonly MarketDepth[];
  /**
   * `markets/depth/updates`: one update per changed market, same order and sequence numbers as
   * {@link marketDepths}; levels are absolute, a removed level has 0 orders and volume 0.
   */
  readonly depthUpdates: readonly MarketDepthUpdate[];
  /** `markets/data`: every MARKET_DATA event of the block, in event order. */
  readonly marketData: readonly MarketData[];
  /** `margin/levels`: the last margin levels of each (party, market, asset) the block touched. */
  readonly marginLevels: readonly MarginLevels[];
  /** `ledger/movements`: every ledger movement of the block's LEDGER_MOVEMENTS events, in order. */
  readonly ledgerMovements: readonly LedgerMovement[];
  /** `liquidity-provisions`: the last state of each liquidity provision the block touched. */
  readonly liquidityProvisions: readonly LiquidityProvision[];
  /** `votes`: every vote, in event order. */
  readonly votes: readonly Vote[];
  /** `governance`: one item per PROPOSAL event, with the votes cast so far. */
  readonly governance: readonly GovernanceData[];
  /** `transaction-results`: every transaction result, in event order. */
  readonly transactionResults: readonly TransactionResult[];
  /** Candles the block's trades changed (every interval of every traded market), for `candle/data`. */
  readonly candles: readonly CandleUpdate[];
  /** Markets created or updated in the block (latest version of each). */
  readonly markets: readonly Market[];
}
