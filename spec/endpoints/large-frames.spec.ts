/**
 * Frames of 64 KiB or more, over real sockets on 127.0.0.1.
 *
 * - Through the simulated node (whose websocket proxy, like the real node's, drops the connection
 *   without a frame on a frame of 64 KiB or more): the client ends with a retryable
 *   `ConnectionError` 1006 after releasing its socket, `retryBackoff` reconnects, and nothing of
 *   the dropped frame, and no partial snapshot or batch, is ever passed on as state.
 * - Straight from a node with no proxy in between (a plain `ws` server): a valid frame of more
 *   than 1 MiB decodes completely and correctly, and a huge bad frame ends in the documented
 *   typed error (or is skipped and reported) with a message that quotes only a short prefix.
 *
 * In every case no exception escapes to the process.
 * Rules: docs/reliability.md (failure table: "a frame of 64 KiB or more", "Bad data never crashes
 * the process"), docs/errors.md, docs/routes.md (quirks of the real node).
 */
import { expect } from 'chai';
import { firstValueFrom, take, toArray } from 'rxjs';
import type { WebSocket } from 'ws';
import {
  ConnectionError,
  DataNodeError,
  DecodeError,
  FRAME_QUOTE_LENGTH,
  ObserveTradesResponseCodec,
  ProtocolError,
  createClient,
  decodeOrThrow,
  tradesRoute,
  type Order,
  type Trade,
  type VegaClient,
} from '../../lib/index.js';
import { DECODE_QUOTE_LENGTH } from '../../lib/codecs/decode.js';
import {
  ORDERS,
  accumulateOrders,
  decode,
  retryBackoff,
  type RetryStatus,
  type SkippedFrameError,
  type SnapshotState,
} from '../../lib/operators/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { expectNoNewResources, resourceSnapshot, sleep } from '../support/handles.js';
import { LoopbackServer } from '../support/loopback-server.js';
import { record } from '../support/recorder.js';
import { sampleResult } from '../support/samples.js';
import { byKey } from '../support/state-comparison.js';
import { until } from '../support/wait.js';

/** The proxy limit: a frame of this many bytes or more drops the connection. */
const LIMIT = 64 * 1024;
const MIB = 1024 * 1024;
/** Longest message a typed error may have, whatever the size of the frame it is about. */
const MAX_MESSAGE = 600;

/** Real trades (Fairground testnet, via the hummingbot fixture), as the node sends them. */
const SAMPLE_TRADES = (sampleResult('trades__hb-mockob.json') as { trades: Array<Record<string, unknown>> }).trades;
/** The same trades decoded by the library from their small sample frame. */
const DECODED_SAMPLE = decodeOrThrow(ObserveTradesResponseCodec, sampleResult('trades__hb-mockob.json'), tradesRoute.path).trades;

/** A distinct 64-hex id for item `i`, starting with `prefix`. */
const idOf = (prefix: string, i: number): string => `${prefix}${i.toString(16)}`.padEnd(64, '0');

/** A trades frame of `count` real sample trades, each with its own id. */
function tradesFrame(count: number): string {
  const trades = Array.from({ length: count }, (_, i) => ({ ...SAMPLE_TRADES[i % SAMPLE_TRADES.length], id: idOf('a', i) }));
  return JSON.stringify({ result: { trades } });
}

/** `frame` padded with trailing JSON whitespace to exactly `bytes` bytes (ASCII frames only). */
function padTo(frame: string, bytes: number): string {
  if (Buffer.byteLength(frame) !== frame.length || frame.length > bytes) throw new Error('cannot pad this frame');
  return frame + ' '.repeat(bytes - frame.length);
}

/** The trade the library must decode as trade `i` of {@link tradesFrame}. */
const expectedTrade = (i: number): Trade => ({ ...(DECODED_SAMPLE[i % DECODED_SAMPLE.length] as Trade), id: idOf('a', i) });

describe('frames of 64 KiB or more', () => {
  /** Exceptions and rejections that escaped to the process during a test (there must be none). */
  const escaped: unknown[] = [];
  const onEscape = (error: unknown): void => void escaped.push(error);

  before(() => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
  });

  after(() => {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  });

  afterEach(() => {
    expect(escaped.splice(0), 'exceptions that escaped to the process').to.deep.equal([]);
  });

  describe('through the simulated node, whose proxy drops them (real simulator on 127.0.0.1)', () => {
    let sim: Simulator;
    let vega: VegaClient;
    let market: string;

    before(async () => {
      sim = await Simulator.start({ seed: 11, blockMs: 10, markets: 1, warmupBlocks: 20 });
      vega = createClient({ nodes: [sim.url], pingIntervalMs: 0 });
      market = sim.markets[0]?.id as string;
    });

    after(async () => {
      await sim.stop();
    });

    const subscribed = (suffix: string) =>
      until(() => [...sim.server.subscriptions.values()].some((s) => s.path.endsWith(suffix)), `the ${suffix} subscription on the node`);
    const on = (suffix: string) => (s: { path: string }) => s.path.endsWith(suffix);

    it('a frame of 64 KiB - 1 byte passes; one of 64 KiB ends the stream in a retryable ConnectionError 1006, socket released', async () => {
      sim.pause(); // only the injected frames reach the client
      const before = await resourceSnapshot();
      const trades = record(vega.trades({ marketIds: [market] }));
      await subscribed('/trades');

      // 50 real trades (the node's most per frame), padded with JSON whitespace to the exact size.
      const justUnder = padTo(tradesFrame(50), LIMIT - 1);
      expect(sim.injectFrame(justUnder, on('/trades'))).to.equal(1);
      const [first] = await trades.received(1);
      expect(first?.trades).to.deep.equal(Array.from({ length: 50 }, (_, i) => expectedTrade(i)));

      const atLimit = padTo(tradesFrame(50), LIMIT);
      expect(sim.injectFrame(atLimit, on('/trades'))).to.equal(1);
      // The node's side of the connection is gone at once, without any frame.
      expect([...sim.server.subscriptions.values()].filter(on('/trades'))).to.have.length(0);
      const error = await trades.errored();
      expect(error).to.be.instanceOf(ConnectionError);
      const e = error as ConnectionError;
      expect(e.code).to.equal(1006);
      expect(e.phase).to.equal('open');
      expect(e.retryable).to.equal(true);
      expect(e.url).to.equal(`${sim.url}/api/v2/stream/trades?marketIds=${market}`);
      expect(trades.values, 'nothing of the dropped frame').to.have.length(1);
      await expectNoNewResources(before);
    });

    it('with retry, orders state is rebuilt from the next connection\'s snapshot: nothing of the dropped frame, no partial state', async () => {
      sim.pause();
      const before = await resourceSnapshot();
      const statuses: RetryStatus[] = [];
      const states: SnapshotState<Order>[] = [];
      const errors: unknown[] = [];
      const subscription = vega
        .orders()
        .pipe(accumulateOrders({ quietMs: 0, retry: { initialMs: 5, maxMs: 10, status: (s) => statuses.push(s) } }))
        .subscribe({ next: (state) => states.push(state), error: (error: unknown) => errors.push(error) });
      try {
        await until(() => states.length > 0, 'the first snapshot');
        expect(states[0]?.snapshot).to.equal(true);
        expect(byKey(states[0]?.items.values() ?? [], ORDERS.key)).to.deep.equal(byKey(sim.node.liveOrders(), ORDERS.key));

        // A block of 400 new live orders in one updates frame of more than 64 KiB: valid, so had it
        // gone through, it would have been applied.
        const template = (sampleResult('orders__hb-mockws-updates.json') as { updates: { orders: Array<Record<string, unknown>> } }).updates.orders[0];
        const injected = Array.from({ length: 400 }, (_, i) => ({ ...template, id: idOf('e', i), marketId: market }));
        const big = JSON.stringify({ result: { updates: { orders: injected } } });
        expect(Buffer.byteLength(big)).to.be.at.least(LIMIT);
        expect(sim.injectFrame(big, on('/orders'))).to.equal(1);
        sim.step(3); // the node moves on while the client is away

        await until(() => states.some((s) => s.resync), 'the state rebuilt from a new snapshot');
        await sleep(20); // anything else that might still come
        expect(errors).to.deep.equal([]);
        expect(statuses.map((s) => s.type)).to.deep.equal(['retrying', 'recovered']);
        const retrying = statuses[0] as Extract<RetryStatus, { type: 'retrying' }>;
        expect(retrying.error).to.be.instanceOf(ConnectionError);
        expect((retrying.error as ConnectionError).code).to.equal(1006);

        // Exactly two states, each whole: the first snapshot and the one after the reconnect.
        expect(states).to.have.length(2);
        const injectedIds = new Set(injected.map((o) => o.id));
        for (const state of states) expect([...state.items.keys()].filter((id) => injectedIds.has(id))).to.deep.equal([]);
        const rebuilt = states[1] as SnapshotState<Order>;
        expect(rebuilt.resync).to.equal(true);
        expect(rebuilt.changes.upserted.length + rebuilt.changes.removed.length, 'the 3 blocks changed the live orders').to.be.greaterThan(0);
        expect(byKey(rebuilt.items.values(), ORDERS.key)).to.deep.equal(byKey(sim.node.liveOrders(), ORDERS.key));
      } finally {
        subscription.unsubscribe();
      }
      await expectNoNewResources(before);
    });

    it('a route whose frames outgrow the limit (an event-bus batch) drops again on every reconnect, and no partial batch is passed on', async () => {
      sim.resume();
      const before = await resourceSnapshot();
      // Control: batches of 20 events (well under 64 KiB) come whole.
      const small = await firstValueFrom(vega.eventBus({ batchSize: 20 }).pipe(take(2), toArray()));
      expect(small.map((r) => r.events.length)).to.deep.equal([20, 20]);
      // 600 events of at least ~200 bytes each: every batch frame is well over 64 KiB.
      const statuses: RetryStatus[] = [];
      const bus = record(
        vega.eventBus({ batchSize: 600 }).pipe(retryBackoff({ initialMs: 5, maxMs: 10, maxAttempts: 2, status: (s) => statuses.push(s) })),
      );
      const error = await bus.errored(4_000);
      expect(error).to.be.instanceOf(ConnectionError);
      expect((error as ConnectionError).code).to.equal(1006);
      expect(statuses.map((s) => s.type)).to.deep.equal(['retrying', 'retrying', 'giving-up']);
      for (const status of statuses) expect((status as { error: unknown }).error).to.be.instanceOf(ConnectionError);
      expect(bus.values, 'no batch, whole or partial').to.deep.equal([]);
      sim.pause();
      await expectNoNewResources(before);
    });
  });

  describe('straight from a node with no proxy limit (plain ws server on 127.0.0.1)', () => {
    let server: LoopbackServer;
    let vega: VegaClient;
    /** Frames the server sends on each new connection. */
    let frames: string[];

    beforeEach(async () => {
      frames = [];
      server = await LoopbackServer.start({ onConnection: (socket: WebSocket) => frames.forEach((frame) => socket.send(frame)) });
      vega = createClient({ nodes: [server.url], pingIntervalMs: 0 });
    });

    afterEach(async () => {
      await server.stop();
    });

    it('a valid frame of more than 1 MiB (real trades) decodes completely and correctly, and the stream goes on', async () => {
      const count = Math.ceil((1.05 * MIB) / (tradesFrame(4).length / 4));
      const big = tradesFrame(count);
      expect(Buffer.byteLength(big)).to.be.greaterThan(MIB);
      frames = [big, tradesFrame(2)];
      const before = await resourceSnapshot();
      const trades = record(vega.trades());
      const [first, second] = await trades.received(2);
      expect(first?.trades).to.have.length(count);
      expect(first?.trades).to.deep.equal(Array.from({ length: count }, (_, i) => expectedTrade(i)));
      expect(second?.trades).to.deep.equal([expectedTrade(0), expectedTrade(1)]);
      expect(trades.error()).to.equal(undefined);
      trades.subscription.unsubscribe();
      await server.waitForNoConnections();
      expect(server.closes.map((c) => c.code)).to.deep.equal([1000]);
      await expectNoNewResources(before);
    });

    const pad = 'x'.repeat(MIB);
    /** A ProtocolError quotes the first FRAME_QUOTE_LENGTH characters of the frame, as a JSON string, then '…'. */
    const quotesPrefixOf = (e: Error, frame: string): void => {
      const { frameStart } = e as ProtocolError;
      expect(frameStart.endsWith('…')).to.equal(true);
      expect(JSON.parse(frameStart.slice(0, -1))).to.equal(frame.slice(0, FRAME_QUOTE_LENGTH));
    };
    const notJson = `{"result":{"trades":[${pad}`;
    const neither = JSON.stringify({ data: pad });
    const huge: Array<[string, string, new (...args: never[]) => Error, (error: Error) => void]> = [
      ['not JSON', notJson, ProtocolError, (e) => {
        expect((e as ProtocolError).problem).to.match(/^not JSON/);
        quotesPrefixOf(e, notJson);
      }],
      ['JSON with neither result nor error', neither, ProtocolError, (e) => {
        expect((e as ProtocolError).problem).to.contain('neither');
        quotesPrefixOf(e, neither);
      }],
      ['a trade whose size is a 1 MiB string', JSON.stringify({ result: { trades: [{ ...SAMPLE_TRADES[0], size: pad }] } }), DecodeError, (e) => {
        expect((e as DecodeError).path).to.equal('$.result.trades[0].size');
        expect((e as DecodeError).actual.length).to.be.at.most(DECODE_QUOTE_LENGTH + 1);
      }],
      ['a trade list of 1 MiB where a fee object belongs', JSON.stringify({ result: { trades: [{ ...SAMPLE_TRADES[0], buyerFee: [pad] }] } }), DecodeError, (e) => {
        expect((e as DecodeError).path).to.equal('$.result.trades[0].buyerFee');
        expect((e as DecodeError).actual.length).to.be.at.most(DECODE_QUOTE_LENGTH + 1);
      }],
      ['an error frame with a 1 MiB message', JSON.stringify({ error: { code: 13, message: pad, details: [{ '@type': 'type.googleapis.com/vega.ErrorDetail', code: 10000, message: pad, inner: pad }] } }), DataNodeError, (e) => {
        expect((e as DataNodeError).grpcMessage, 'the full text stays on the error').to.have.length(MIB);
      }],
    ];
    for (const [what, frame, type, check] of huge) {
      it(`a huge bad frame (${what}) ends in a ${type.name} quoting only a short prefix`, async () => {
        frames = [frame];
        const before = await resourceSnapshot();
        const error = await record(vega.trades()).errored();
        expect(error).to.be.instanceOf(type);
        const e = error as Error;
        expect(e.message.length, e.message.slice(0, 300)).to.be.below(MAX_MESSAGE);
        check(e);
        await server.waitForNoConnections();
        await expectNoNewResources(before);
      });
    }

    it('with decode({ onError: "skip" }), a huge frame that does not decode is skipped and reported briefly, and the stream goes on', async () => {
      frames = [JSON.stringify({ result: { trades: [{ ...SAMPLE_TRADES[0], timestamp: pad }] } }), tradesFrame(3)];
      const before = await resourceSnapshot();
      const skipped: SkippedFrameError[] = [];
      const trades = record(vega.rawStream(tradesRoute, {}).pipe(decode({ route: tradesRoute, onError: 'skip', skipped: (e) => skipped.push(e) })));
      const [only] = await trades.received(1);
      expect(only?.trades).to.deep.equal([expectedTrade(0), expectedTrade(1), expectedTrade(2)]);
      expect(skipped).to.have.length(1);
      expect(skipped[0]).to.be.instanceOf(DecodeError);
      expect((skipped[0] as DecodeError).path).to.equal('$.result.trades[0].timestamp');
      expect(skipped[0]?.message.length).to.be.below(MAX_MESSAGE);
      trades.subscription.unsubscribe();
      await server.waitForNoConnections();
      await expectNoNewResources(before);
    });
  });
});
