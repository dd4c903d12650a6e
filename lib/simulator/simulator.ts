import { createEngine, type Engine, type EngineOptions } from './engine/index.js';
import { DataNode, type DataNodeBlock } from './data-node/index.js';
import { RecordingSource } from './replay/index.js';
import type { CoreBlockSource } from './core-block.js';
import { BlockHub } from './block-feed.js';
import { restRoutes, streamRoutes, type RouteContext } from './server/routes/index.js';
import { StreamServer, type Subscription } from './server/stream-server.js';
import type { Market } from '../codecs/index.js';

/** Options of {@link Simulator.start}. Every field is optional. */
export interface SimulatorOptions {
  /** Engine seed (default 42): the same seed and options give the same blocks and frames. */
  readonly seed?: EngineOptions['seed'];
  /** Markets (default 3). */
  readonly markets?: number;
  /** Trading parties (default the engine's). */
  readonly parties?: number;
  /** Agent order actions per market per block (default the engine's). */
  readonly ordersPerBlock?: number;
  /**
   * Ms between blocks (default 1 000, like the real network); 0 = as fast as possible. Sets both
   * the wall-clock pace and the virtual block time, so frames depend on it but not on the clock.
   */
  readonly blockMs?: number;
  /** Replay a recorded event stream (a `.jsonl` or `.jsonl.gz` file of bus events) instead of running the engine. */
  readonly replay?: string;
  /** Blocks produced before the server accepts clients, so books are not empty (default 20; replay: 0). */
  readonly warmupBlocks?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** Reproduce the real node's server-side filter bugs (default false). */
  readonly filterBugs?: boolean;
  /** candle/data poll period in ms (default 1 000, as the real node). */
  readonly candlePollMs?: number;
  /** Event-bus request deadline in ms (default 5 000, as the real node). */
  readonly eventBusTimeoutMs?: number;
  /** Subscriptions allowed at once (default 250, as the real node). */
  readonly maxSubscriptions?: number;
}

/** Selects subscriptions for a control action; every one when left out. */
export type SubscriptionFilter = (subscription: Subscription) => boolean;

/**
 * A simulated Vega v0.79 data node on a local port: a seeded core engine (or a recorded event
 * stream) produces blocks, a data node derives every route from them, and a server speaks the
 * real wire format over websocket, NDJSON and REST. The control surface injects faults and
 * exposes the authoritative state to compare a client against.
 *
 * @example
 * const sim = await Simulator.start({ seed: 7, blockMs: 100 });
 * const vega = createClient({ nodes: [sim.url] });
 * // … later
 * await sim.stop();
 */
export class Simulator {
  /** Cancels the scheduled next block, if any. */
  private cancelNext: (() => void) | undefined;
  private paused = false;
  private stopped = false;
  private readonly gaps = new Set<string>();

  private constructor(
    /** The running server. */
    readonly server: StreamServer,
    /** The data node behind it: its state is what clients should end up with. */
    readonly node: DataNode,
    private readonly hub: BlockHub,
    private readonly source: CoreBlockSource,
    /** The core engine, unless replaying a recording. */
    readonly engine: Engine | undefined,
    private readonly blockMs: number,
  ) {}

  /** Start a simulator and begin producing blocks. */
  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const engine = options.replay
      ? undefined
      : createEngine({
          seed: options.seed ?? 42,
          // Virtual time moves as the configured pace says (0: the engine's minimum step).
          blockIntervalNs: BigInt(options.blockMs ?? 1_000) * 1_000_000n,
          ...(options.markets !== undefined && { markets: options.markets }),
          ...(options.parties !== undefined && { parties: options.parties }),
          ...(options.ordersPerBlock !== undefined && { ordersPerBlock: options.ordersPerBlock }),
        });
    const source: CoreBlockSource = engine ?? RecordingSource.fromFile(options.replay as string);
    const node = new DataNode();
    const hub = new BlockHub();
    const ctx: RouteContext = {
      node,
      feed: hub,
      filterBugs: options.filterBugs ?? false,
      candlePollMs: options.candlePollMs ?? 1_000,
      eventBusTimeoutMs: options.eventBusTimeoutMs ?? 5_000,
    };
    const server = await StreamServer.start({
      streams: streamRoutes(ctx),
      rest: restRoutes(ctx),
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.maxSubscriptions !== undefined && { maxSubscriptions: options.maxSubscriptions }),
    });
    const simulator = new Simulator(server, node, hub, source, engine, options.blockMs ?? 1_000);
    simulator.step(options.warmupBlocks ?? (engine ? 20 : 0));
    simulator.schedule();
    return simulator;
  }

  /** `ws://host:port`: give it to `createClient({ nodes: [sim.url] })`. */
  get url(): string {
    return this.server.url;
  }

  /** `http://host:port`: REST routes and NDJSON streams (curl). */
  get httpUrl(): string {
    return this.server.httpUrl;
  }

  /** The markets, as the data node knows them. */
  get markets(): readonly Market[] {
    return this.node.markets();
  }

  /** Produce and publish `count` blocks now (also while paused); returns the last one. */
  step(count = 1): DataNodeBlock | undefined {
    let last: DataNodeBlock | undefined;
    for (let i = 0; i < count && !this.stopped; i++) {
      const block = this.source.nextBlock();
      if (!block) break;
      last = this.publish(this.node.apply(block));
    }
    return last;
  }

  /** Stop producing blocks (subscriptions stay open and quiet). */
  pause(): void {
    this.paused = true;
    this.cancelNext?.();
  }

  /** Produce blocks again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule();
  }

  /** Drop the selected connections without a frame or a close frame (clients see 1006). */
  dropConnections(which?: SubscriptionFilter): number {
    return this.server.drop(which);
  }

  /** Make the selected connections go silent without closing (a half-open path). */
  stallConnections(which: SubscriptionFilter = () => true): number {
    const chosen = [...this.server.subscriptions.values()].filter(which);
    for (const subscription of chosen) subscription.sink.stall();
    return chosen.length;
  }

  /** Send raw text as a frame on the selected connections (e.g. a malformed frame). */
  injectFrame(text: string, which: SubscriptionFilter = () => true): number {
    const chosen = [...this.server.subscriptions.values()].filter(which);
    for (const subscription of chosen) subscription.sink.sendText(text);
    return chosen.length;
  }

  /**
   * Withhold a market's next depth publication (its full book and its update) from every
   * subscriber, so the update after it does not chain: a sequence gap, as a lost frame makes one.
   */
  injectSequenceGap(marketId: string): void {
    this.gaps.add(marketId);
  }

  /** Stop producing blocks, drop every connection and close the server. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelNext?.();
    await this.server.stop();
  }

  private publish(block: DataNodeBlock): DataNodeBlock {
    if (this.gaps.size === 0) {
      this.hub.publish(block);
      return block;
    }
    const gapped = (marketId: string) => this.gaps.has(marketId);
    const withheld = new Set(block.depthUpdates.map((u) => u.marketId).filter(gapped));
    const published: DataNodeBlock = {
      ...block,
      marketDepths: block.marketDepths.filter((d) => !withheld.has(d.marketId)),
      depthUpdates: block.depthUpdates.filter((u) => !withheld.has(u.marketId)),
    };
    for (const marketId of withheld) this.gaps.delete(marketId);
    this.hub.publish(published);
    return block;
  }

  /** Produces the next block and schedules the one after (one function for every block). */
  private readonly next = (): void => {
    this.step(1);
    this.schedule();
  };

  private schedule(): void {
    if (this.paused || this.stopped) return;
    if (this.blockMs > 0) {
      const timer = setTimeout(this.next, this.blockMs);
      this.cancelNext = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(this.next);
      this.cancelNext = () => clearImmediate(immediate);
    }
  }
}
