import { BusEventType, OrderStatus } from '../../codecs/index.js';
import type {
  AccountBalance,
  BusEvent,
  Candle,
  GovernanceData,
  LedgerMovement,
  LiquidityProvision,
  MarginLevels,
  Market,
  MarketData,
  MarketDepth,
  Order,
  Position,
  Trade,
  TransactionResult,
  Vote,
} from '../../codecs/index.js';
import type { CoreBlock } from '../core-block.js';
import { AccountStore } from './account-store.js';
import type { AccountFilter } from './account-store.js';
import { BlockBatch, type BatchSlot } from './block-batch.js';
import { CandleStore } from './candle-store.js';
import type { CandleRange, CandleUpdate } from './candle-store.js';
import type { DataNodeBlock } from './data-node-block.js';
import { toDataNodeTrade } from './data-node-trade.js';
import { eventSequence } from './event-sequence.js';
import { GovernanceStore } from './governance-store.js';
import { LatestByKey } from './latest-by-key.js';
import { MarketDepthService } from './market-depth-service.js';
import { MarketRegistry } from './market-registry.js';
import { OrderStore } from './order-store.js';
import type { OrderFilter } from './order-store.js';
import { PositionStore } from './position-store.js';
import type { PositionFilter, PositionStoreOptions } from './position-store.js';

/** Options of a {@link DataNode}. */
export interface DataNodeOptions {
  /** How positions are marked to market; see {@link PositionStoreOptions}. */
  readonly positions?: PositionStoreOptions;
}

/** Height, hash and time of a block the data node has applied. */
export interface AppliedBlock {
  /** Block height, from 1. */
  readonly height: bigint;
  /** Block hash: 64 lowercase hex characters. */
  readonly hash: string;
  /** Block time in Unix nanoseconds. */
  readonly timeNs: bigint;
}

/** The latest margin levels of one (party, market, asset). */
interface MarginSlot extends BatchSlot {
  value: MarginLevels;
}

/** What the routes collect while one block is applied. */
class BlockContext {
  readonly trades: Trade[] = [];
  readonly marketData: MarketData[] = [];
  readonly ledgerMovements: LedgerMovement[] = [];
  readonly votes: Vote[] = [];
  readonly governance: GovernanceData[] = [];
  readonly transactionResults: TransactionResult[] = [];
  /** The (party, market, asset) slots of {@link DataNode.marginSlot}. */
  readonly marginLevels = new BlockBatch<MarginSlot>();
  readonly liquidityProvisions = new LatestByKey<string, LiquidityProvision>();
  readonly markets = new LatestByKey<string, Market>();
  /** The candle id lists of the traded markets ({@link CandleStore.addTrade}), in order of first trade. */
  readonly candleIdLists = new Set<readonly string[]>();

  constructor(
    /** Block time in ns. */
    readonly time: bigint,
  ) {}
}

/**
 * Applies one event of a block, at `position` in the block's events (handlers that need the
 * event's sequence number read it with {@link eventSequence}; most do not).
 */
type EventHandler = (event: BusEvent, ctx: BlockContext, position: number) => void;

/**
 * The simulated data node: it ingests core blocks one by one and derives, as the v0.79 data node
 * does, the state behind the snapshot and REST queries and what each stream route publishes for
 * each block ({@link DataNodeBlock}).
 *
 * @example
 * const node = new DataNode();
 * for (let block = source.nextBlock(); block; block = source.nextBlock()) {
 *   const out = node.apply(block);
 *   server.publish(out); // filter per subscriber, page by 50
 * }
 * node.marketDepth(marketId); // REST /api/v2/market/depth/{marketId}/latest
 */
export class DataNode {
  private readonly registry = new MarketRegistry();
  private readonly orderStore = new OrderStore();
  private readonly depth = new MarketDepthService();
  private readonly positionStore: PositionStore;
  private readonly accountStore = new AccountStore();
  private readonly candleStore = new CandleStore();
  private readonly governanceStore = new GovernanceStore();
  private readonly latestData = new Map<string, MarketData>();
  private readonly parties = new Set<string>(['network']);
  /** Party, then market, then asset: the slot of a margin-levels row (no key string built per event). */
  private readonly marginSlots = new Map<string, Map<string, Map<string, MarginSlot>>>();
  private last: AppliedBlock | undefined;
  /** Indexed by event type (a small integer). */
  private readonly handlers: ReadonlyArray<EventHandler | undefined>;

  constructor(options: DataNodeOptions = {}) {
    this.positionStore = new PositionStore(this.registry, options.positions);
    const handlers: Array<EventHandler | undefined> = [];
    for (const [type, handler] of this.buildHandlers()) handlers[type] = handler;
    this.handlers = handlers;
  }

  /** Ingests one block and returns what every route publishes for it. */
  apply(block: CoreBlock): DataNodeBlock {
    const ctx = new BlockContext(block.timeNs);
    const handlers = this.handlers;
    const events = block.events;
    for (let position = 0; position < events.length; position++) {
      const event = events[position] as BusEvent;
      const handle = handlers[event.type];
      if (handle) handle(event, ctx, position);
    }

    const { depths, updates } = this.depth.publish();
    const candles: CandleUpdate[] = [];
    for (const candleId of [...ctx.candleIdLists].flat()) {
      const candle = this.candleStore.currentCandle(candleId);
      if (candle) candles.push({ candleId, candle });
    }
    this.last = { height: block.height, hash: block.hash, timeNs: block.timeNs };
    return {
      height: block.height,
      hash: block.hash,
      timeNs: block.timeNs,
      busEvents: block.events,
      trades: ctx.trades,
      orders: this.orderStore.flush(),
      positions: this.positionStore.flush(),
      accounts: this.accountStore.flush(),
      marketDepths: depths,
      depthUpdates: updates,
      marketData: ctx.marketData,
      marginLevels: ctx.marginLevels.drain().map((slot) => slot.value),
      ledgerMovements: ctx.ledgerMovements,
      liquidityProvisions: ctx.liquidityProvisions.flush(),
      votes: ctx.votes,
      governance: ctx.governance,
      transactionResults: ctx.transactionResults,
      candles,
      markets: ctx.markets.flush(),
    };
  }

  /** One handler per event type the data node derives something from (a table: no per-event switch). */
  private buildHandlers(): Map<BusEventType, EventHandler> {
    const T = BusEventType;
    const h = new Map<BusEventType, EventHandler>();
    h.set(T.BUS_EVENT_TYPE_ORDER, (e, ctx, position) => {
      if (!e.order) return;
      this.orderStore.add(e.order);
      this.depth.addOrder(e.order, ctx.time, eventSequence(e, position));
      this.parties.add(e.order.partyId);
    });
    h.set(T.BUS_EVENT_TYPE_EXPIRED_ORDERS, (e, ctx, position) => {
      const ids = e.expiredOrders?.orderIds;
      if (ids) this.rewriteOrders(ids, OrderStatus.STATUS_EXPIRED, ctx.time, eventSequence(e, position));
    });
    h.set(T.BUS_EVENT_TYPE_CANCELLED_ORDERS, (e, ctx, position) => {
      const ids = e.cancelledOrders?.orderIds;
      if (ids) this.rewriteOrders(ids, OrderStatus.STATUS_CANCELLED, ctx.time, eventSequence(e, position));
    });
    h.set(T.BUS_EVENT_TYPE_TRADE, (e, ctx, position) => {
      if (!e.trade) return;
      ctx.trades.push(toDataNodeTrade(e.trade, ctx.time));
      this.positionStore.onTrade(e.trade, ctx.time);
      // the same list for every trade of a market: one entry per traded market
      ctx.candleIdLists.add(this.candleStore.addTrade(e.trade, ctx.time, eventSequence(e, position)));
      this.parties.add(e.trade.buyer).add(e.trade.seller);
    });
    h.set(T.BUS_EVENT_TYPE_ACCOUNT, (e) => {
      if (e.account) this.accountStore.add(e.account);
    });
    h.set(T.BUS_EVENT_TYPE_MARKET_DATA, (e, ctx) => {
      if (!e.marketData) return;
      ctx.marketData.push(e.marketData);
      this.latestData.set(e.marketData.market, e.marketData);
      this.positionStore.onMarketData(e.marketData, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_MARGIN_LEVELS, (e, ctx) => {
      if (e.marginLevels) ctx.marginLevels.touch(this.marginSlot(e.marginLevels));
    });
    h.set(T.BUS_EVENT_TYPE_LEDGER_MOVEMENTS, (e, ctx) => {
      if (e.ledgerMovements) ctx.ledgerMovements.push(...e.ledgerMovements.ledgerMovements);
    });
    h.set(T.BUS_EVENT_TYPE_LIQUIDITY_PROVISION, (e, ctx) => {
      if (e.liquidityProvision) ctx.liquidityProvisions.set(e.liquidityProvision.id, e.liquidityProvision);
    });
    h.set(T.BUS_EVENT_TYPE_VOTE, (e, ctx) => {
      if (e.vote) ctx.votes.push(this.governanceStore.onVote(e.vote));
    });
    h.set(T.BUS_EVENT_TYPE_PROPOSAL, (e, ctx) => {
      if (e.proposal) ctx.governance.push(this.governanceStore.onProposal(e.proposal));
    });
    h.set(T.BUS_EVENT_TYPE_TRANSACTION_RESULT, (e, ctx) => {
      if (e.transactionResult) ctx.transactionResults.push(e.transactionResult);
    });
    h.set(T.BUS_EVENT_TYPE_SETTLE_POSITION, (e, ctx) => {
      if (e.settlePosition) this.positionStore.onSettlePosition(e.settlePosition, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_LOSS_SOCIALIZATION, (e, ctx) => {
      if (e.lossSocialization) this.positionStore.onLossSocialization(e.lossSocialization, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_SETTLE_DISTRESSED, (e, ctx) => {
      if (e.settleDistressed) this.positionStore.onSettleDistressed(e.settleDistressed, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_SETTLE_MARKET, (e, ctx) => {
      if (e.settleMarket) this.positionStore.onSettleMarket(e.settleMarket, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_DISTRESSED_ORDERS_CLOSED, (e, ctx) => {
      if (e.distressedOrders) this.positionStore.onDistressedOrdersClosed(e.distressedOrders, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_DISTRESSED_POSITIONS, (e, ctx) => {
      if (e.distressedPositions) this.positionStore.onDistressedPositions(e.distressedPositions, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_FUNDING_PAYMENTS, (e, ctx) => {
      if (e.fundingPayments) this.positionStore.onFundingPayments(e.fundingPayments, ctx.time);
    });
    h.set(T.BUS_EVENT_TYPE_MARKET_CREATED, (e, ctx) => {
      if (!e.marketCreated) return;
      this.registry.putMarket(e.marketCreated);
      ctx.markets.set(e.marketCreated.id, e.marketCreated);
    });
    h.set(T.BUS_EVENT_TYPE_MARKET_UPDATED, (e, ctx) => {
      if (!e.marketUpdated) return;
      this.registry.putMarket(e.marketUpdated);
      ctx.markets.set(e.marketUpdated.id, e.marketUpdated);
    });
    h.set(T.BUS_EVENT_TYPE_ASSET, (e) => {
      if (e.asset) this.registry.putAsset(e.asset);
    });
    h.set(T.BUS_EVENT_TYPE_PARTY, (e) => {
      if (e.party) this.parties.add(e.party.id);
    });
    return h;
  }

  /** The last block applied, if any. */
  get lastBlock(): AppliedBlock | undefined {
    return this.last;
  }

  /** Live orders (active or parked) matching the filter: the orders route's snapshot. */
  liveOrders(filter: OrderFilter = {}): Order[] {
    return this.orderStore.liveOrders(filter);
  }

  /** The latest state of an order. */
  order(orderId: string): Order | undefined {
    return this.orderStore.get(orderId);
  }

  /** Positions matching the filter: the positions route's snapshot. */
  positions(filter: PositionFilter = {}): Position[] {
    return this.positionStore.query(filter);
  }

  /** Account balances matching the filter: the accounts route's snapshot. */
  accountBalances(filter: AccountFilter = {}): AccountBalance[] {
    return this.accountStore.query(filter);
  }

  /**
   * The current book of a market with its sequence number (REST
   * `GET /api/v2/market/depth/{marketId}/latest`; `maxDepth` levels a side when > 0).
   */
  marketDepth(marketId: string, maxDepth = 0): MarketDepth {
    return this.depth.depth(marketId, maxDepth);
  }

  /**
   * The current candle of a candle id (`trades_candle_<interval>_<marketId>`), up to `nowNs`
   * when given (a gap candle when the current bucket has no trade); undefined when the market has
   * no trade or the id is malformed.
   */
  candle(candleId: string, nowNs?: bigint): Candle | undefined {
    return this.candleStore.currentCandle(candleId, nowNs);
  }

  /** The gap-filled candles of a candle id in a range (undefined for a malformed id). */
  candles(candleId: string, range: CandleRange = {}): Candle[] | undefined {
    return this.candleStore.candles(candleId, range);
  }

  /** Every market (latest version from MARKET_CREATED / MARKET_UPDATED), in order of creation. */
  markets(): Market[] {
    return this.registry.list();
  }

  /** A market by id. */
  market(marketId: string): Market | undefined {
    return this.registry.get(marketId);
  }

  /** Every market id, in order of creation. */
  marketIds(): string[] {
    return this.registry.ids();
  }

  /** True for a market the node knows (what markets/data and depth validate `marketIds` against). */
  hasMarket(marketId: string): boolean {
    return this.registry.has(marketId);
  }

  /** The latest MARKET_DATA of a market. */
  marketData(marketId: string): MarketData | undefined {
    return this.latestData.get(marketId);
  }

  /**
   * Every party id the node has seen: `network`, PARTY events, and the parties of orders, trades,
   * positions and accounts.
   */
  partyIds(): string[] {
    const ids = new Set(this.parties);
    for (const id of this.positionStore.partyIds()) ids.add(id);
    for (const id of this.accountStore.ownerIds()) ids.add(id);
    return [...ids];
  }

  /** Every proposal with its votes (optionally only one party's proposals), in order of submission. */
  proposals(partyId?: string): GovernanceData[] {
    return this.governanceStore.list(partyId);
  }

  /** One proposal with its votes. */
  proposal(proposalId: string): GovernanceData | undefined {
    return this.governanceStore.get(proposalId);
  }

  /** The latest vote of each party on a proposal. */
  votes(proposalId: string): Vote[] {
    return this.governanceStore.votesOn(proposalId);
  }

  /** The one slot of a (party, market, asset) margin-levels row (created on first sight), now holding `m`. */
  private marginSlot(m: MarginLevels): MarginSlot {
    let byMarket = this.marginSlots.get(m.partyId);
    if (!byMarket) this.marginSlots.set(m.partyId, (byMarket = new Map()));
    let byAsset = byMarket.get(m.marketId);
    if (!byAsset) byMarket.set(m.marketId, (byAsset = new Map()));
    let slot = byAsset.get(m.asset);
    if (!slot) byAsset.set(m.asset, (slot = { batchPosition: 0, value: m }));
    slot.value = m;
    return slot;
  }

  /**
   * EXPIRED_ORDERS / CANCELLED_ORDERS: the data node rewrites each order with the status and
   * block time and passes it to the depth service as if it were the next event (sequence + k).
   */
  private rewriteOrders(ids: readonly string[], status: OrderStatus, time: bigint, sequence: bigint): void {
    let seq = sequence;
    for (const order of this.orderStore.setStatus(ids, status, time)) {
      this.depth.addOrder(order, time, seq);
      seq += 1n;
    }
  }
}
