/**
 * Fault injection over real sockets on 127.0.0.1: the simulator behind a fault-injecting TCP
 * proxy (support/fault-proxy.ts), and the library's state operators in front. For each fault,
 * several seeded trials inject it at random moments (repeatedly, and in one trial for a while on
 * every new connection too), then heal, and check that:
 * - every stream recovered by itself (`recovered` after each `retrying`), without a reconnect storm;
 * - books, live orders, positions and accounts equal the node's authoritative state (nothing lost,
 *   nothing duplicated) once the node is paused;
 * - a half-open socket is caught by the pong check (StaleStreamError 'pong-timeout');
 * - delayed and fragmented frames cause no reconnect and no error, and a frame cut in the middle
 *   is a ConnectionError, never a ProtocolError or DecodeError;
 * - once unsubscribed, no socket, timer or listener is left (per trial, and at the end).
 *
 * FAULT_TRIALS (default 3) and FAULT_SEED (default 1) change the number of trials and the seeds.
 */
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { ConnectionError, DecodeError, ProtocolError, StaleStreamError, createClient, type VegaClient } from '../../lib/index.js';
import {
  accumulateAccounts,
  accumulateOrders,
  accumulatePositions,
  marketBook,
  type RetryBackoffConfig,
  type RetryStatus,
} from '../../lib/operators/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { seededRandom } from '../../lib/testing/index.js';
import { expectNoNewResources, resourceSnapshot, sleep, type ResourceSnapshot } from '../support/handles.js';
import { until } from '../support/wait.js';
import { FaultProxy, type FaultKind, type FaultScope, type ProxiedConnection } from './support/fault-proxy.js';
import { libraryView, nodeView, type LatestStates, type StateView } from './support/state-vs-node.js';

const TRIALS = Number(process.env.FAULT_TRIALS ?? 3);
const SEED = Number(process.env.FAULT_SEED ?? 1);
const FAULTS: readonly FaultKind[] = ['drop', 'reset', 'stall', 'cutFrame', 'delay', 'fragment'];
/** Faults that end the connections they hit. */
const ENDING: ReadonlySet<FaultKind> = new Set(['drop', 'reset', 'stall', 'cutFrame']);

/** Client liveness: a half-open socket is noticed within about 300 ms. */
const LIVENESS = { pingIntervalMs: 100, pongTimeoutMs: 200, connectTimeoutMs: 2_000 };
/** Retry settings of every stream (plus a seeded `random` and a `status` of its own). */
const RETRY = { initialMs: 20, maxMs: 200 } as const;

/** One stream of a trial: its status log and the errors that reached its subscriber. */
interface Stream {
  readonly name: string;
  /** Whether a proxied connection belongs to this stream (its websocket, or its REST full book). */
  readonly owns: (connection: ProxiedConnection) => boolean;
  readonly statuses: { readonly at: number; readonly status: RetryStatus }[];
  readonly errors: unknown[];
}

/** A window during which the fault also hit every new connection. */
interface Window {
  readonly from: number;
  readonly to: number;
}

/** What a trial did and saw, for the assertions. */
interface TrialReport {
  readonly fault: FaultKind;
  readonly streams: Stream[];
  /** The connections of this trial. */
  readonly connections: ProxiedConnection[];
  /** Scopes applied, for the failure messages. */
  readonly injections: string[];
  readonly windows: Window[];
  /** Blocks stepped by hand while paused before the state matched (a book that saw no update yet). */
  readonly steps: number;
  readonly library: StateView;
  readonly node: StateView;
  readonly elapsedMs: number;
}

describe('fault recovery through a fault-injecting TCP proxy (real sockets on 127.0.0.1)', function () {
  this.timeout(30_000);
  let initial: ResourceSnapshot;
  let sim: Simulator | undefined;
  let proxy: FaultProxy | undefined;
  let markets: string[] = [];
  let party = '';
  /** Subscriptions of the trial under way, unsubscribed in `after` if a trial failed. */
  const live: Subscription[] = [];
  const reports: TrialReport[] = [];

  before(async () => {
    initial = await resourceSnapshot();
    sim = await Simulator.start({ seed: 9, blockMs: 30, markets: 2, parties: 6, ordersPerBlock: 6 });
    proxy = await FaultProxy.start(sim.url, { seed: SEED });
    markets = sim.markets.map((m) => m.id);
    await until(() => (sim?.node.partyIds() ?? []).some((p) => p !== 'network' && sim!.node.positions({ partyId: p }).length > 0), 'a party with positions');
    party = sim.node.partyIds().find((p) => p !== 'network' && sim!.node.positions({ partyId: p }).length > 0) as string;
  });

  after(async () => {
    for (const subscription of live.splice(0)) subscription.unsubscribe();
    await proxy?.stop();
    await sim?.stop();
  });

  /** The node's height now. */
  const height = () => sim?.node.lastBlock?.height ?? 0n;
  const blocks = async (count: number) => {
    const target = height() + BigInt(count);
    await until(() => height() >= target, `${count} blocks`, 10_000);
  };

  async function runTrial(fault: FaultKind, trial: number): Promise<TrialReport> {
    const node = sim as Simulator;
    const px = proxy as FaultProxy;
    const seed = SEED * 1_000 + FAULTS.indexOf(fault) * 100 + trial;
    const random = seededRandom(seed);
    node.resume();
    const started = performance.now();
    const firstConnection = px.connections.length;
    const before = await resourceSnapshot();
    const vega: VegaClient = createClient({ nodes: [px.url], ...LIVENESS });

    // The streams: a book per market, every live order, one party's positions and accounts.
    const latest: LatestStates = { books: new Map(), orders: undefined, positions: undefined, accounts: undefined };
    const streams: Stream[] = [];
    const stream = (name: string, owns: Stream['owns']): { stream: Stream; retry: RetryBackoffConfig } => {
      const s: Stream = { name, owns, statuses: [], errors: [] };
      streams.push(s);
      const retry: RetryBackoffConfig = {
        ...RETRY,
        random: seededRandom(seed * 31 + streams.length),
        status: (status) => s.statuses.push({ at: performance.now(), status }),
      };
      return { stream: s, retry };
    };
    for (const market of markets) {
      const { stream: s, retry } = stream(`book ${market.slice(0, 8)}`, (c) => c.target.includes(market));
      live.push(marketBook(vega, market, { retry }).subscribe({ next: (book) => latest.books.set(market, book), error: (e: unknown) => s.errors.push(e) }));
    }
    const path = (suffix: string) => (c: ProxiedConnection) => c.path.endsWith(suffix);
    {
      const { stream: s, retry } = stream('orders', path('/stream/orders'));
      live.push(vega.orders().pipe(accumulateOrders({ quietMs: 30, retry })).subscribe({ next: (state) => (latest.orders = state), error: (e: unknown) => s.errors.push(e) }));
    }
    {
      const { stream: s, retry } = stream('positions', path('/stream/positions'));
      live.push(
        vega.positions({ partyId: party }).pipe(accumulatePositions({ quietMs: 30, retry })).subscribe({ next: (state) => (latest.positions = state), error: (e: unknown) => s.errors.push(e) }),
      );
    }
    {
      const { stream: s, retry } = stream('accounts', path('/stream/accounts'));
      live.push(
        vega.accounts({ partyId: party }).pipe(accumulateAccounts({ quietMs: 30, retry })).subscribe({ next: (state) => (latest.accounts = state), error: (e: unknown) => s.errors.push(e) }),
      );
    }
    await until(
      () => latest.books.size === markets.length && latest.orders !== undefined && latest.positions !== undefined && latest.accounts !== undefined,
      'every stream to have a first state',
      5_000,
    );

    // Inject: at random moments, on every stream's socket or on one stream's; in the last trial of
    // the faults that end connections, also on every new connection for a while (an outage).
    const injections: string[] = [];
    const windows: Window[] = [];
    const websocketOf = (s: Stream) => (c: ProxiedConnection) => c.websocket && s.owns(c);
    const pick = (): { scope: FaultScope['match']; label: string } => {
      if (random() < 0.3) return { scope: (c: ProxiedConnection) => c.websocket, label: 'every socket' };
      const s = streams[Math.floor(random() * streams.length)] as Stream;
      return { scope: websocketOf(s), label: s.name };
    };
    const inject = (kind: FaultKind, scope: FaultScope): number => {
      switch (kind) {
        case 'drop':
          return px.drop(scope);
        case 'reset':
          return px.reset(scope);
        case 'stall':
          return px.stall(scope);
        case 'cutFrame':
          return px.cutFrame(scope);
        case 'delay':
          return px.delay(20 + Math.floor(random() * 60), scope);
        case 'fragment':
          return px.fragment(scope);
      }
    };
    if (ENDING.has(fault)) {
      const times = 1 + Math.floor(random() * (fault === 'stall' ? 2 : 3));
      for (let i = 0; i < times; i++) {
        await sleep(30 + random() * 200);
        const { scope, label } = pick();
        injections.push(`${fault} ${label}: ${inject(fault, { match: scope })}`);
        if (fault === 'cutFrame') {
          // A cut waits for the stream's next frame (an accounts stream can be quiet for a while).
          const waiting = (c: ProxiedConnection) => c.faults.includes('cutFrame') && c.cut === undefined && c.closedAt === undefined;
          await until(() => !px.connections.slice(firstConnection).some(waiting), 'the cuts', 1_000).catch(() => undefined);
        }
      }
      if (trial === TRIALS - 1) {
        await sleep(30 + random() * 100);
        const lasting = 100 + Math.floor(random() * 200);
        const from = performance.now();
        // Stalls only on sockets: a stalled full-book GET waits for the connect deadline (2 s).
        const scope: FaultScope = fault === 'stall' ? { match: (c) => c.websocket, newConnections: true } : { newConnections: true };
        injections.push(`${fault} every ${fault === 'stall' ? 'socket' : 'connection'}, new ones too, for ${lasting} ms: ${inject(fault, scope)}`);
        await sleep(lasting);
        px.heal();
        windows.push({ from, to: performance.now() });
      }
    } else {
      // Delay and fragment: every socket, and any new one, for a while.
      await sleep(30 + random() * 150);
      injections.push(`${fault} every socket: ${inject(fault, { match: (c) => c.websocket, newConnections: true })}`);
      await sleep(300 + random() * 300);
    }
    px.heal();

    // Recovery: every connection a fault ended is closed, and every stream's last status is `recovered`.
    const ours = () => px.connections.slice(firstConnection);
    const ended = (c: ProxiedConnection) => c.faults.some((f) => f !== 'cutFrame' && ENDING.has(f)) || c.cut !== undefined;
    const settled = () =>
      ours().every((c) => !ended(c) || c.closedAt !== undefined) && streams.every((s) => s.statuses.length === 0 || s.statuses.at(-1)?.status.type === 'recovered');
    await until(settled, `every stream to recover (${injections.join('; ')})`, 8_000);
    await blocks(8);
    await until(settled, 'every stream to stay recovered', 8_000);

    // Pause and compare with the node. A book that lost an update while away only finds out
    // on the next update: step a block by hand if it has not caught up after a while.
    node.pause();
    let steps = 0;
    const same = () => JSON.stringify(libraryView(latest, markets)) === JSON.stringify(nodeView(node, markets, party));
    for (;;) {
      try {
        await until(same, 'the state to equal the node', 1_500);
        break;
      } catch {
        if (steps >= 3) break; // the expectations below show the difference
        node.step(1);
        steps++;
      }
    }
    const report: TrialReport = {
      fault,
      streams,
      connections: ours(),
      injections,
      windows,
      steps,
      library: libraryView(latest, markets),
      node: nodeView(node, markets, party),
      elapsedMs: performance.now() - started,
    };

    // Unsubscribe: nothing of the trial may remain.
    for (const subscription of live.splice(0)) subscription.unsubscribe();
    await until(() => px.openConnections === 0 && node.server.subscriptions.size === 0, 'every connection closed, at the proxy and at the node', 5_000);
    await expectNoNewResources(before);
    reports.push(report);
    return report;
  }

  /** Assertions common to every fault. */
  function expectRecoveredAndEqual(report: TrialReport): void {
    const context = `${report.fault}: ${report.injections.join('; ')}`;
    for (const s of report.streams) {
      expect(s.errors, `errors that reached the ${s.name} subscriber (${context})`).to.deep.equal([]);
      // Each `retrying` is eventually followed by a `recovered`, and the last status is one.
      const types = s.statuses.map((x) => x.status.type);
      expect(types.filter((t) => t === 'giving-up'), `${s.name}: no giving-up`).to.deep.equal([]);
      if (types.length > 0) expect(types.at(-1), `${s.name}: the last status (${types.join(' ')})`).to.equal('recovered');
      for (const { status } of s.statuses) {
        if (status.type !== 'retrying') continue;
        const cap = Math.min(RETRY.maxMs, RETRY.initialMs * 2 ** (status.attempt - 1));
        expect(status.delayMs, `${s.name}: the jittered delay of attempt ${status.attempt}`).to.be.within(0, cap);
      }
    }
    expect(report.library, `the library's state against the node's (${context})`).to.deep.equal(report.node);
    expect(Object.keys(report.library.orders ?? {}).length, 'live orders compared').to.be.greaterThan(20);
    expect(Object.keys(report.library.positions ?? {}).length, 'positions compared').to.be.greaterThan(0);
    expect(Object.keys(report.library.accounts ?? {}).length, 'accounts compared').to.be.greaterThan(0);
    for (const book of Object.values(report.library.books)) expect((book?.bids.length ?? 0) + (book?.asks.length ?? 0), 'levels compared').to.be.greaterThan(0);
  }

  /**
   * No reconnect storm: each stream reconnects at most twice per connection of it a fault hit
   * outside an outage window, plus, per window, a few attempts: with backoff the caps go 20, 40,
   * 80, 160, 200 ms, so even unlucky jitter makes only a handful in a few hundred milliseconds,
   * where a loop without backoff would make one per round trip (hundreds).
   */
  function expectNoStorm(report: TrialReport): void {
    for (const s of report.streams) {
      const sockets = report.connections.filter((c) => c.websocket && s.owns(c));
      const inWindow = (c: ProxiedConnection) => report.windows.some((w) => c.openedAt >= w.from && c.openedAt <= w.to);
      const hit = sockets.filter((c) => c.faults.some((f) => ENDING.has(f)) && !inWindow(c)).length;
      const perWindow = report.windows.map((w) => 2 + Math.ceil((w.to - w.from) / 25));
      const bound = 1 + 2 * hit + perWindow.reduce((a, b) => a + b, 0) * 2; // a book has two retry layers that connect (updates, full book)
      expect(sockets.length, `${s.name}: sockets opened (hit ${hit}, windows ${perWindow.join(',')}; ${report.injections.join('; ')})`).to.be.within(1, bound);
      for (const w of report.windows) {
        const during = sockets.filter((c) => c.openedAt >= w.from && c.openedAt <= w.to).length;
        expect(during, `${s.name}: sockets opened during a ${Math.round(w.to - w.from)} ms outage`).to.be.at.most(2 + Math.ceil((w.to - w.from) / 25));
      }
    }
  }

  const retryErrors = (report: TrialReport): unknown[] =>
    report.streams.flatMap((s) => s.statuses.flatMap((x) => (x.status.type === 'retrying' ? [x.status.error] : [])));

  for (const fault of FAULTS) {
    describe(`${fault}`, () => {
      for (let trial = 0; trial < TRIALS; trial++) {
        it(`trial ${trial + 1} of ${TRIALS}: recovers and ends equal to the node`, async () => {
          const report = await runTrial(fault, trial);
          expectRecoveredAndEqual(report);
          expectNoStorm(report);
          const errors = retryErrors(report);
          const hitSockets = report.connections.filter((c) => c.websocket && c.faults.length > 0);
          switch (fault) {
            case 'drop':
            case 'reset':
              expect(hitSockets.length, 'sockets hit').to.be.greaterThan(0);
              expect(errors.length, 'retries').to.be.greaterThan(0);
              for (const error of errors) expect(error, 'a retried error').to.be.instanceOf(ConnectionError);
              break;
            case 'cutFrame': {
              const cut = report.connections.filter((c) => c.cut !== undefined);
              expect(cut.length, `frames cut (${report.injections.join('; ')})`).to.be.greaterThan(0);
              expect(errors.length, 'retries').to.be.at.least(cut.length);
              for (const error of errors) {
                expect(error, 'a cut frame is a dropped connection').to.be.instanceOf(ConnectionError);
                expect(error).not.to.be.instanceOf(ProtocolError);
                expect(error).not.to.be.instanceOf(DecodeError);
              }
              break;
            }
            case 'stall': {
              const stalled = report.connections.filter((c) => c.faults.includes('stall'));
              expect(stalled.length, 'sockets stalled').to.be.greaterThan(0);
              // A socket stalled before its upgrade answer went through never opens: that one
              // ends by the connect deadline instead (a reconnect that met the stall).
              const opened = stalled.filter((c) => c.writesToClient > 0);
              expect(opened.length, 'sockets stalled once open').to.be.greaterThan(0);
              const stale = errors.filter((e): e is StaleStreamError => e instanceof StaleStreamError);
              expect(stale.length, 'stale checks that fired').to.be.at.least(opened.length);
              for (const error of stale) expect(error.check).to.equal('pong-timeout');
              for (const error of errors) expect(error, 'a retried error').to.satisfy((e: unknown) => e instanceof StaleStreamError || e instanceof ConnectionError);
              expect(stalled.reduce((n, c) => n + c.pingsSwallowed, 0), 'pings swallowed by the stall').to.be.greaterThan(0);
              break;
            }
            case 'delay':
            case 'fragment': {
              const statuses = report.streams.flatMap((s) => s.statuses.map((x) => `${s.name}: ${x.status.type}`));
              expect(statuses, 'no reconnect at all').to.deep.equal([]);
              const targets = report.connections.filter((c) => c.websocket).map((c) => c.target);
              expect(targets.length, 'one socket per stream').to.equal(report.streams.length);
              expect(new Set(targets).size, 'no socket opened twice').to.equal(targets.length);
              const acted = report.connections.reduce((n, c) => n + (fault === 'delay' ? c.delayedFrames : c.fragmentedFrames), 0);
              expect(acted, `frames ${fault === 'delay' ? 'delayed' : 'fragmented'}`).to.be.greaterThan(10);
              break;
            }
          }
        });
      }
    });
  }

  // Last: mocha runs a suite's own tests before its nested suites, so this one needs its own.
  describe('at the end', () => {
    it('leaves no socket, timer or listener once everything is unsubscribed and the proxy and the node are stopped', async () => {
      for (const subscription of live.splice(0)) subscription.unsubscribe();
      await proxy?.stop();
      await sim?.stop();
      proxy = sim = undefined;
      await expectNoNewResources(initial);
      const slowest = Math.max(...reports.map((r) => r.elapsedMs));
      console.log(
        `      ${reports.length} trials, slowest ${Math.round(slowest)} ms; blocks stepped by hand: ${reports.reduce((n, r) => n + r.steps, 0)}; ` +
          `sockets per trial: ${reports.map((r) => r.connections.filter((c) => c.websocket).length).join(' ')}`,
      );
    });
  });
});
