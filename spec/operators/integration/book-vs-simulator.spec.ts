import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { createClient, type VegaClient } from '../../../lib/index.js';
import { marketBook, type OrderBookState, type RetryStatus } from '../../../lib/operators/index.js';
import { Simulator } from '../../../lib/simulator/index.js';
import { levels } from '../../support/state-comparison.js';
import { until } from '../../support/wait.js';
import { expectNoNewResources, resourceSnapshot } from '../../support/handles.js';


describe('marketBook against the simulator over real sockets', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let vega: VegaClient;
  let markets: string[];
  const subscriptions: Subscription[] = [];

  beforeEach(async () => {
    sim = await Simulator.start({ seed: 21, blockMs: 0, ordersPerBlock: 20 });
    markets = sim.markets.map((m) => m.id);
    // Fast liveness so that a stalled socket is noticed quickly.
    vega = createClient({ nodes: [sim.url], pingIntervalMs: 100, pongTimeoutMs: 200 });
  });

  afterEach(async () => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    await sim.stop();
  });

  /** Keep a book per market; returns the latest state of each and the retry statuses seen. */
  function keepBooks() {
    const latest = new Map<string, OrderBookState>();
    const statuses: RetryStatus[] = [];
    const errors: unknown[] = [];
    for (const market of markets) {
      subscriptions.push(
        marketBook(vega, market, { retry: { initialMs: 20, maxMs: 200, status: (s) => statuses.push(s) } }).subscribe({
          next: (state) => latest.set(market, state),
          error: (error: unknown) => errors.push(error),
        }),
      );
    }
    return { latest, statuses, errors };
  }

  /** Pause the simulator, wait for every book to reach the node's sequence number, and compare. */
  async function expectBooksEqualTheNode(latest: Map<string, OrderBookState>): Promise<void> {
    sim.pause();
    for (const market of markets) {
      const truth = sim.node.marketDepth(market);
      await until(() => latest.get(market)?.sequenceNumber === truth.sequenceNumber, `the book of ${market.slice(0, 8)} at ${truth.sequenceNumber}`, 10_000);
      const book = latest.get(market) as OrderBookState;
      expect(levels(book.bids), 'bids').to.deep.equal(levels(truth.buy));
      expect(levels(book.asks), 'asks').to.deep.equal(levels(truth.sell));
      expect(book.bids.length + book.asks.length).to.be.greaterThan(0);
    }
  }

  async function runBlocks(count: number): Promise<void> {
    const target = (sim.node.lastBlock?.height ?? 0n) + BigInt(count);
    await until(() => (sim.node.lastBlock?.height ?? 0n) >= target, `${count} blocks`, 30_000);
  }

  it('keeps each market book equal to the node authoritative book over thousands of blocks', async () => {
    const { latest, errors } = keepBooks();
    await runBlocks(2_000);
    await expectBooksEqualTheNode(latest);
    expect(errors).to.deep.equal([]);
    expect([...latest.values()].map((b) => b.resyncs)).to.deep.equal([0, 0, 0]);
  });

  it('recovers by itself from dropped connections, sequence gaps and stalled sockets, and ends equal to the node', async () => {
    const { latest, statuses, errors } = keepBooks();
    const updatesOf = (market: string) => (s: { path: string; query: string }) =>
      s.path.endsWith('/depth/updates') && s.query.includes(market);
    await runBlocks(300);

    // A dropped socket: reconnects; the chain tells whether anything was lost.
    expect(sim.dropConnections((s) => s.path.endsWith('/depth/updates'))).to.equal(3);
    await runBlocks(300);

    // A lost depth publication: a gap, so the book reloads from a fresh full book.
    sim.injectSequenceGap(markets[1] as string);
    await runBlocks(300);
    await until(() => (latest.get(markets[1] as string)?.resyncs ?? 0) >= 1, 'a resync after the gap', 10_000);

    // A half-open socket: no data, no close. The pong check notices and the stream recovers.
    expect(sim.stallConnections(updatesOf(markets[2] as string))).to.equal(1);
    await until(() => statuses.some((s) => s.type === 'retrying' && (s.error as Error).name === 'StaleStreamError'), 'the stale check', 10_000);
    await runBlocks(1_200);

    await expectBooksEqualTheNode(latest);
    expect(errors).to.deep.equal([]);
    const retries = statuses.filter((s) => s.type === 'retrying');
    expect(retries.length, 'retries (no reconnect storm)').to.be.within(4, 12);
    expect(statuses.filter((s) => s.type === 'recovered').length).to.equal(retries.length);
  });

  it('leaves no socket or timer behind once unsubscribed, even during a backoff wait', async () => {
    sim.pause();
    const before = await resourceSnapshot();
    const { latest } = keepBooks();
    await until(() => latest.size === 3, 'three books');
    sim.dropConnections(); // every book is now waiting to reconnect
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    await until(() => sim.server.subscriptions.size === 0, 'the node to see every socket closed');
    await expectNoNewResources(before);
  });
});
