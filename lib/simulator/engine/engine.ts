import { BusEventType, type LiquidityProvision, type MarketData, type Order, type Proposal } from '../../codecs/index.js';
import type { CoreBlock, CoreBlockSource } from '../core-block.js';
import { Agents } from './agents.js';
import { Collateral, type SimAccount } from './collateral.js';
import { txFailed, type EngineCommand, type TxOutcome } from './commands.js';
import { pow10 } from './decimal.js';
import { BlockWriter, type EmitContext } from './event-writer.js';
import { emitGenesis } from './genesis.js';
import { Governance, proposalToProto } from './governance.js';
import { liquidityProvisionToProto } from './liquidity.js';
import { IdSource, sha256Hex } from './ids.js';
import { buildMarkets, type AssetConfig, type MarketConfig } from './market-config.js';
import { MarketEngine } from './market.js';
import { Prng, type Seed } from './prng.js';
import { orderToProto } from './sim-order.js';
import { transactionResultOf } from './tx-result.js';
import type { BookSide } from './order-book.js';
import type { AccountView, BookLevel, BookView, MarginView, MarketPrices, PositionView, SubmitReceipt } from './views.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const BUS_EVENT_TYPE_BEGIN_BLOCK = BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK;
const BUS_EVENT_TYPE_END_BLOCK = BusEventType.BUS_EVENT_TYPE_END_BLOCK;
const BUS_EVENT_TYPE_MARKET_TICK = BusEventType.BUS_EVENT_TYPE_MARKET_TICK;
const BUS_EVENT_TYPE_TIME_UPDATE = BusEventType.BUS_EVENT_TYPE_TIME_UPDATE;
const BUS_EVENT_TYPE_TRANSACTION_RESULT = BusEventType.BUS_EVENT_TYPE_TRANSACTION_RESULT;

/** Default virtual start time: 2024-01-01T00:00:00Z, in Unix ns. */
export const DEFAULT_START_TIME_NS = 1_704_067_200_000_000_000n;
/** Virtual time step used when `blockIntervalNs` is 0 (blocks as fast as possible): 1 ms. */
export const MIN_BLOCK_STEP_NS = 1_000_000n;
/** Default chain id. */
export const DEFAULT_CHAIN_ID = 'vega-streams-sim';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Seed: the same seed and options give the same blocks, byte for byte. */
  readonly seed: Seed;
  /** Number of markets (default 3: BTC 5/4, ETH 2/3, GOLD 0/0 price/position decimals). */
  readonly markets?: number;
  /** Number of parties (default 20). */
  readonly parties?: number;
  /**
   * Virtual time between blocks in ns (default 1 s). 0 means "as fast as possible": virtual time
   * then still advances 1 ms per block, so times and depth sequence numbers keep increasing.
   */
  readonly blockIntervalNs?: bigint;
  /** Time of block 1 in Unix ns (default 2024-01-01T00:00:00Z). */
  readonly startTimeNs?: bigint;
  /**
   * Minimum time between two marks-to-market in ns, as Vega's network parameter
   * `network.markPriceUpdateMaximumFrequency`. Default: 1 s, or 10 blocks if that is shorter
   * (every block at the default 1 s interval, every 10 blocks at interval 0).
   */
  readonly markPriceFrequencyNs?: bigint;
  /** Agent order actions per market per block (default 10; 0: only submitted commands trade). */
  readonly ordersPerBlock?: number;
  /** Agents commit liquidity now and then (default true). */
  readonly liquidity?: boolean;
  /** Agents propose and vote now and then (default true). */
  readonly governance?: boolean;
  /** Chain id of the events (default `vega-streams-sim`). */
  readonly chainId?: string;
}

/**
 * The simulated Vega core: a deterministic source of {@link CoreBlock}s, plus the authoritative
 * state the blocks describe (for tests and the simulator's control surface).
 */
export interface Engine extends CoreBlockSource {
  /** Produces the next block (never exhausted). */
  nextBlock(): CoreBlock;
  /** Chain id in the events. */
  readonly chainId: string;
  /** Height of the last block produced (0 before the first). */
  readonly height: bigint;
  /** Time of the last block produced, Unix ns (the start time before the first). */
  readonly timeNs: bigint;
  /** Virtual time between blocks, ns. */
  readonly stepNs: bigint;
  /** Settlement assets. */
  assets(): readonly AssetConfig[];
  /** Markets (ids, decimals, tick and lot sizes, fees...). */
  markets(): readonly MarketConfig[];
  /** Party ids. */
  parties(): readonly string[];
  /** A market's book, best first. Throws for an unknown market. */
  book(marketId: string): BookView;
  /** Live orders (of one market, or all), as their last ORDER event showed them. */
  liveOrders(marketId?: string): Order[];
  /** A live order by id. */
  order(orderId: string): Order | undefined;
  /** Positions of parties that ever traded (of one market, or all). */
  positions(marketId?: string): PositionView[];
  /** Every collateral account with its balance. */
  accounts(): AccountView[];
  /** Sum of all balances of an asset (constant after the genesis deposits). */
  totalBalance(assetId: string): bigint;
  /** Mark price, last traded price and open interest of a market. */
  prices(marketId: string): MarketPrices;
  /** A market's MARKET_DATA as of now (what the last block's MARKET_DATA event said). */
  marketData(marketId: string): MarketData;
  /** Margin levels and margin balances of the parties that have levels (of one market, or all). */
  margins(marketId?: string): MarginView[];
  /** Active liquidity commitments (of one market, or all), as their last event showed them. */
  liquidityProvisions(marketId?: string): LiquidityProvision[];
  /** Every governance proposal in its current state. */
  proposals(): Proposal[];
  /**
   * Queues a transaction for the next block (processed before the agents' ones). Ids are
   * allocated now: the returned order id is the one the order will carry.
   */
  submit(command: EngineCommand): SubmitReceipt;
}

interface QueuedTx {
  readonly command: EngineCommand;
  readonly hash: string;
  readonly orderId: string | undefined;
}

function bookLevels(side: BookSide): BookLevel[] {
  const out: BookLevel[] = [];
  for (let i = side.levels.length - 1; i >= 0; i--) {
    const l = side.levels[i];
    if (l !== undefined) out.push({ price: l.price, volume: l.volume, numberOfOrders: l.orders.length });
  }
  return out;
}

class CoreEngine implements Engine {
  readonly chainId: string;
  readonly stepNs: bigint;
  height = 0n;
  timeNs: bigint;
  private readonly startTimeNs: bigint;
  private readonly ids: IdSource;
  private readonly assetList: AssetConfig[];
  private readonly marketList: MarketConfig[];
  private readonly engines: MarketEngine[];
  private readonly byMarket = new Map<string, MarketEngine>();
  private readonly partyList: string[];
  private readonly partySet: Set<string>;
  private readonly collateral = new Collateral();
  private readonly generals = new Map<string, SimAccount>();
  private readonly agents: Agents;
  private readonly governance: Governance;
  private readonly ordersPerBlock: number;
  private prevHash = '0'.repeat(64);
  private queue: QueuedTx[] = [];

  constructor(options: EngineOptions) {
    const interval = options.blockIntervalNs ?? 1_000_000_000n;
    if (interval < 0n) throw new RangeError('blockIntervalNs must be >= 0');
    this.stepNs = interval === 0n ? MIN_BLOCK_STEP_NS : interval;
    this.startTimeNs = options.startTimeNs ?? DEFAULT_START_TIME_NS;
    this.timeNs = this.startTimeNs;
    this.chainId = options.chainId ?? DEFAULT_CHAIN_ID;
    this.ordersPerBlock = options.ordersPerBlock ?? 10;
    const marketCount = options.markets ?? 3;
    const partyCount = options.parties ?? 20;
    if (!Number.isInteger(marketCount) || marketCount < 1) throw new RangeError('markets must be a positive integer');
    if (!Number.isInteger(partyCount) || partyCount < 2) throw new RangeError('parties must be an integer >= 2');
    this.ids = new IdSource(new Prng(options.seed, 'ids'));
    const prng = new Prng(options.seed, 'agents');
    const { assets, markets } = buildMarkets(marketCount, this.ids);
    this.assetList = assets;
    this.marketList = markets;
    this.partyList = Array.from({ length: partyCount }, () => this.ids.next());
    this.partySet = new Set(this.partyList);
    const env = {
      collateral: this.collateral,
      ids: this.ids,
      markToMarketNs: options.markPriceFrequencyNs ?? (this.stepNs * 10n < 1_000_000_000n ? this.stepNs * 10n : 1_000_000_000n),
      general: (partyId: string, assetId: string): SimAccount => {
        const acc = this.generals.get(partyId + assetId);
        if (acc === undefined) throw new Error(`no general account for ${partyId} in ${assetId}`);
        return acc;
      },
    };
    this.engines = markets.map((cfg) => new MarketEngine(cfg, env));
    for (const m of this.engines) this.byMarket.set(m.cfg.id, m);
    const stakes = new Map<string, bigint>();
    for (const party of this.partyList) stakes.set(party, BigInt(1 + prng.int(1000)) * pow10(18));
    this.governance = new Governance(stakes);
    this.agents = new Agents(prng, this.partyList, this.engines, {
      ordersPerBlock: this.ordersPerBlock,
      liquidity: options.liquidity ?? true,
      governance: options.governance ?? true,
    });
  }

  nextBlock(): CoreBlock {
    const height = this.height + 1n;
    const timeNs = this.startTimeNs + (height - 1n) * this.stepNs;
    const hash = sha256Hex(`${this.chainId}/${height}/${timeNs}/${this.prevHash}`);
    const w = new BlockWriter(height, hash, timeNs, this.chainId);
    const block: EmitContext = { w, tx: w.blockUpper };
    w.emit(block.tx, BUS_EVENT_TYPE_BEGIN_BLOCK, 'beginBlock', {
      height: height.toString(),
      timestamp: w.timeText,
      hash,
    });
    w.emit(block.tx, BUS_EVENT_TYPE_TIME_UPDATE, 'timeUpdate', { timestamp: w.timeText });
    this.height = height;
    this.timeNs = timeNs;
    if (height === 1n) {
      emitGenesis(block, {
        assets: this.assetList,
        markets: this.engines,
        parties: this.partyList,
        collateral: this.collateral,
        ids: this.ids,
        generals: this.generals,
      });
    } else {
      const seconds = (timeNs / 1_000_000_000n).toString();
      for (const m of this.engines) {
        w.emit(block.tx, BUS_EVENT_TYPE_MARKET_TICK, 'marketTick', { id: m.cfg.id, time: seconds });
      }
      this.governance.tick(block, height);
      for (const m of this.engines) m.expireOrders(block);
    }
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) this.process(w, q.command, q.hash, q.orderId);
    if (height > 1n) {
      this.agents.stepReferences();
      for (const cmd of this.agents.otherCommands(this.governance)) this.process(w, cmd, this.ids.next(), undefined);
      for (let i = 0; i < this.ordersPerBlock; i++) {
        for (let j = 0; j < this.engines.length; j++) {
          this.process(w, this.agents.orderCommand(j, timeNs, this.stepNs), this.ids.next(), undefined);
        }
      }
    }
    for (const m of this.engines) {
      if (height % 10n === 0n) m.liquidity.distributeFees(block, m.liquidityFeeAccount());
      m.endBlock(block);
    }
    for (const m of this.engines) m.emitPositionStates(block);
    w.emit(block.tx, BUS_EVENT_TYPE_END_BLOCK, 'endBlock', { height: height.toString() });
    this.prevHash = hash;
    return { height, hash, timeNs, events: w.events };
  }

  /** Runs one transaction and emits its TRANSACTION_RESULT. */
  private process(w: BlockWriter, cmd: EngineCommand, hash: string, orderId: string | undefined): void {
    const ctx: EmitContext = { w, tx: hash.toUpperCase() };
    const known = this.partySet.has(cmd.partyId);
    let outcome: TxOutcome;
    switch (cmd.kind) {
      case 'submitOrder': {
        const m = this.byMarket.get(cmd.marketId);
        outcome = !known
          ? txFailed('OrderError: Missing General Account')
          : m === undefined
            ? txFailed('OrderError: Invalid Market ID')
            : m.submit(ctx, cmd, orderId ?? this.ids.next());
        break;
      }
      case 'amendOrder': {
        const m = this.byMarket.get(cmd.marketId);
        outcome = m === undefined ? txFailed('OrderError: Invalid Market ID') : m.amend(ctx, cmd);
        break;
      }
      case 'cancelOrder': {
        const m = this.byMarket.get(cmd.marketId);
        outcome = !known
          ? txFailed('OrderError: Invalid Party ID')
          : m === undefined
            ? txFailed('OrderError: Invalid Market ID')
            : m.cancel(ctx, cmd);
        break;
      }
      case 'submitLiquidity': {
        const m = this.byMarket.get(cmd.marketId);
        outcome =
          !known || m === undefined
            ? txFailed('invalid market or party')
            : m.liquidity.submit(ctx, this.ids.next(), m.party(cmd.partyId).general, cmd.partyId, cmd.commitmentAmount, cmd.fee, cmd.reference ?? '');
        break;
      }
      case 'amendLiquidity': {
        const m = this.byMarket.get(cmd.marketId);
        outcome = m === undefined ? txFailed('invalid market') : m.liquidity.amend(ctx, cmd.partyId, cmd.commitmentAmount, cmd.fee);
        break;
      }
      case 'cancelLiquidity': {
        const m = this.byMarket.get(cmd.marketId);
        outcome = m === undefined ? txFailed('invalid market') : m.liquidity.cancel(ctx, cmd.partyId);
        break;
      }
      case 'submitProposal':
        outcome = this.governance.submit(ctx, this.ids.next(), cmd, this.height, this.stepNs);
        break;
      case 'vote':
        outcome = this.governance.vote(ctx, cmd);
        break;
    }
    const result = transactionResultOf(cmd, hash, outcome, w.timeNs, this.stepNs);
    w.emit(ctx.tx, BUS_EVENT_TYPE_TRANSACTION_RESULT, 'transactionResult', result);
  }

  submit(command: EngineCommand): SubmitReceipt {
    const hash = this.ids.next();
    const orderId = command.kind === 'submitOrder' ? this.ids.next() : undefined;
    this.queue.push({ command, hash, orderId });
    return orderId === undefined ? { txHash: hash } : { txHash: hash, orderId };
  }

  private marketEngine(marketId: string): MarketEngine {
    const m = this.byMarket.get(marketId);
    if (m === undefined) throw new Error(`unknown market ${marketId}`);
    return m;
  }

  assets(): readonly AssetConfig[] {
    return this.assetList;
  }

  markets(): readonly MarketConfig[] {
    return this.marketList;
  }

  parties(): readonly string[] {
    return this.partyList;
  }

  book(marketId: string): BookView {
    const m = this.marketEngine(marketId);
    return { marketId, bids: bookLevels(m.book.bids), asks: bookLevels(m.book.asks) };
  }

  liveOrders(marketId?: string): Order[] {
    const engines = marketId === undefined ? this.engines : [this.marketEngine(marketId)];
    const out: Order[] = [];
    for (const m of engines) for (const o of m.live.values()) out.push(orderToProto(o));
    return out;
  }

  order(orderId: string): Order | undefined {
    for (const m of this.engines) {
      const o = m.live.get(orderId);
      if (o !== undefined) return orderToProto(o);
    }
    return undefined;
  }

  positions(marketId?: string): PositionView[] {
    const engines = marketId === undefined ? this.engines : [this.marketEngine(marketId)];
    const out: PositionView[] = [];
    for (const m of engines) {
      for (const pm of m.parties.values()) {
        if (!pm.traded) continue;
        out.push({
          marketId: m.cfg.id,
          partyId: pm.partyId,
          openVolume: pm.openVolume,
          averageEntryPrice: pm.averageEntryPrice(),
          realisedPnl: pm.realisedPnl(),
          unrealisedPnl: pm.unrealisedPnl(m.markPrice),
        });
      }
    }
    return out;
  }

  accounts(): AccountView[] {
    const out: AccountView[] = [];
    for (const a of this.collateral.all()) {
      out.push({ id: a.id, owner: a.owner, assetId: a.assetId, marketId: a.marketId, type: a.type, balance: a.balance });
    }
    return out;
  }

  totalBalance(assetId: string): bigint {
    return this.collateral.totalBalance(assetId);
  }

  prices(marketId: string): MarketPrices {
    return this.marketEngine(marketId).prices();
  }

  marketData(marketId: string): MarketData {
    return this.marketEngine(marketId).marketData(this.timeNs.toString());
  }

  margins(marketId?: string): MarginView[] {
    const engines = marketId === undefined ? this.engines : [this.marketEngine(marketId)];
    const out: MarginView[] = [];
    for (const m of engines) {
      for (const pm of m.parties.values()) {
        const l = pm.levels;
        if (l === undefined) continue;
        out.push({
          marketId: m.cfg.id,
          partyId: pm.partyId,
          assetId: m.cfg.asset.id,
          maintenance: l.maintenance,
          search: l.search,
          initial: l.initial,
          release: l.release,
          marginBalance: pm.margin === undefined ? 0n : pm.margin.balance,
        });
      }
    }
    return out;
  }

  liquidityProvisions(marketId?: string): LiquidityProvision[] {
    const engines = marketId === undefined ? this.engines : [this.marketEngine(marketId)];
    const out: LiquidityProvision[] = [];
    for (const m of engines) for (const lp of m.liquidity.all()) out.push(liquidityProvisionToProto(m.cfg, lp));
    return out;
  }

  proposals(): Proposal[] {
    return [...this.governance.all()].map(proposalToProto);
  }
}

/**
 * Creates the simulated core. Block 1 is the genesis (assets, markets, parties, deposits); from
 * block 2 on the agents trade. Every block is BEGIN_BLOCK, TIME_UPDATE, MARKET_TICKs, governance
 * and expiry events, one group of events per transaction (each ending with its
 * TRANSACTION_RESULT), mark-to-market and MARKET_DATA per market, POSITION_STATEs, END_BLOCK.
 *
 * @example
 * const engine = createEngine({ seed: 42 });
 * const genesis = engine.nextBlock();          // height 1
 * const block = engine.nextBlock();            // agents' orders, trades, settlements...
 * const book = engine.book(engine.markets()[0].id);
 */
export function createEngine(options: EngineOptions): Engine {
  return new CoreEngine(options);
}
