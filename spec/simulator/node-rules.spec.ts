import { expect } from 'chai';
import { get } from 'node:http';
import { firstValueFrom, take, toArray } from 'rxjs';
import { fileURLToPath } from 'node:url';
import type { ConnectionError} from '../../lib/index.js';
import { DataNodeError, ProtocolError, createClient, votesRoute, type VegaClient } from '../../lib/index.js';
import { candleId } from '../../lib/wire/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { record } from '../support/recorder.js';
import { rawConnect, until } from './support/raw-frames.js';

const RECORDING = fileURLToPath(new URL('../../vendor/vega-v0.79/recordings/system_tests.busevents.jsonl.gz', import.meta.url));
const NOBODY = '0'.repeat(64);

/** The first frame of a raw connection to `path`, and its close code. */
async function firstFrameAndClose(sim: Simulator, path: string, send?: string): Promise<{ frames: string[]; code: number }> {
  const connection = rawConnect(`${sim.url}${path}`);
  if (send !== undefined) {
    await connection.opened;
    connection.send(send);
  }
  const code = await connection.closed;
  return { frames: connection.frames, code };
}

function detailOf(frame: string | undefined): { code: number; message: string; details: Array<{ code: number; message: string; inner?: string }> } {
  return (JSON.parse(frame ?? '{}') as { error: never }).error;
}

function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    }).on('error', reject);
  });
}

describe('simulator: the real node\'s rules over real sockets', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let vega: VegaClient;
  let markets: string[];

  before(async () => {
    sim = await Simulator.start({ seed: 3, blockMs: 20, eventBusTimeoutMs: 150, candlePollMs: 40 });
    markets = sim.markets.map((m) => m.id);
    vega = createClient({ nodes: [sim.url], pingIntervalMs: 0 });
  });

  after(() => sim.stop());

  describe('validation errors: an error frame, then the connection dropped without a close frame', () => {
    it('votes without party or proposal: InvalidArgument, vega 10024', async () => {
      const { frames, code } = await firstFrameAndClose(sim, '/api/v2/stream/votes');
      expect(detailOf(frames[0])).to.deep.equal({
        code: 3,
        message: 'InvalidArgument error',
        details: [{ '@type': 'type.googleapis.com/vega.ErrorDetail', code: 10024, message: 'missing proposal id or party id' }],
      });
      expect(code).to.equal(1006);
    });

    it('candle/data without a candle id: InvalidArgument, vega 10030', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/candle/data');
      expect(detailOf(frames[0]).details[0]).to.include({ code: 10030, message: 'candle id is a required parameter' });
    });

    it('candle/data with an unknown candle id: Internal, vega 60002', async () => {
      const { frames } = await firstFrameAndClose(sim, `/api/v2/stream/candle/data?candleId=${candleId(NOBODY, '1_minute')}`);
      expect(detailOf(frames[0])).to.include({ code: 13, message: 'Internal error' });
      expect(detailOf(frames[0]).details[0]?.code).to.equal(60002);
    });

    it('depth of an unknown market: Internal, "no market found for id"', async () => {
      const { frames, code } = await firstFrameAndClose(sim, `/api/v2/stream/markets/depth?marketIds=${NOBODY}`);
      expect(detailOf(frames[0]).details[0]?.message).to.equal(`no market found for id:${NOBODY} : malformed request`);
      expect(code).to.equal(1006);
    });

    it('orders with a malformed id: InvalidArgument', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/orders?partyIds=BTC');
      expect(detailOf(frames[0]).code).to.equal(3);
    });

    it('a bad enum value: the gateway\'s bare status', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/accounts?type=FOO');
      expect(frames).to.deep.equal(['{"code":3,"message":"parsing field \\"type\\": \\"FOO\\" is not a valid value"}']);
    });

    it('reaches the library as typed, non-retryable DataNodeErrors', async () => {
      // The library refuses this before connecting; a route definition without the check lets it through.
      const error = (await record(vega.stream({ ...votesRoute, check: undefined }, {})).errored()) as DataNodeError;
      expect(error).to.be.instanceOf(DataNodeError);
      expect(error.detail?.code).to.equal(10024);
      expect(error.retryable).to.equal(false);
    });
  });

  describe('filters', () => {
    it('an empty optional filter (key=) matches nothing', async () => {
      const empty = rawConnect(`${sim.url}/api/v2/stream/positions?partyId=`);
      const all = rawConnect(`${sim.url}/api/v2/stream/positions`);
      await until(() => all.frames.some((f) => f.includes('"updates"')), 'position updates for everyone');
      empty.close();
      all.close();
      expect(empty.frames).to.deep.equal(['{"result":{"snapshot":{"lastPage":true}}}']);
    });

    it('positions of one party in one market without a position: no snapshot at all; of one party only: one empty page', async () => {
      const market = markets[0] ?? '';
      const both = rawConnect(`${sim.url}/api/v2/stream/positions?partyId=${NOBODY}&marketId=${market}`);
      const partyOnly = rawConnect(`${sim.url}/api/v2/stream/positions?partyId=${NOBODY}`);
      const all = rawConnect(`${sim.url}/api/v2/stream/positions?marketId=${market}`);
      await Promise.all([both.opened, partyOnly.opened]);
      await until(() => all.frames.filter((f) => f.includes('"updates"')).length >= 3, 'three blocks of position updates in the market');
      both.close();
      partyOnly.close();
      all.close();
      expect(both.frames).to.deep.equal([]);
      expect(partyOnly.frames).to.deep.equal(['{"result":{"snapshot":{"lastPage":true}}}']);
    });
  });

  describe('event bus', () => {
    it('ends the stream without a frame when no request comes in time', async () => {
      const { frames, code } = await firstFrameAndClose(sim, '/api/v2/stream/event/bus');
      expect(frames).to.deep.equal([]);
      expect(code).to.equal(1006);
    });

    it('refuses type UNSPECIFIED with InvalidArgument, vega 10015', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/event/bus', '{"type":["BUS_EVENT_TYPE_UNSPECIFIED"]}');
      expect(detailOf(frames[0]).details[0]).to.include({ code: 10015, message: 'malformed request' });
    });

    it('ends the stream without a frame on an unreadable request', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/event/bus', '{"type":');
      expect(frames).to.deep.equal([]);
    });

    it('with a batch size: exactly N events a frame, then code 13 "context deadline exceeded" without an acknowledgement', async () => {
      const { frames } = await firstFrameAndClose(sim, '/api/v2/stream/event/bus', '{"type":[5,8],"batch_size":7}');
      expect(frames).to.have.length(2);
      const events = (JSON.parse(frames[0] as string) as { result: { events: Array<{ type: number }> } }).result.events;
      expect(events).to.have.length(7);
      for (const event of events) expect([5, 8]).to.include(event.type);
      expect(detailOf(frames[1]).details[0]).to.deep.include({ code: 10010, inner: 'context deadline exceeded' });
    });

    it('honours the market filter and leaves out BEGIN/END_BLOCK then', async () => {
      const response = await firstValueFrom(vega.eventBus({ marketId: markets[0] }).pipe(take(5), toArray()));
      const events = response.flatMap((r) => r.events);
      expect(events.length).to.be.greaterThan(0);
      for (const event of events) expect([49, 50]).not.to.include(event.type);
    });

    it('with the library\'s acknowledgements, keeps streaming batches', async () => {
      const batches = await firstValueFrom(vega.eventBus({ type: ['BUS_EVENT_TYPE_ORDER'], batchSize: 5 }).pipe(take(4), toArray()));
      expect(batches.map((b) => b.events.length)).to.deep.equal([5, 5, 5, 5]);
    });
  });

  describe('cadences', () => {
    it('candle/data sends the current candle at once, then re-sends it on every poll', async () => {
      const candles = await firstValueFrom(vega.candleData({ candleId: candleId(markets[0] as string, '1_hour') }).pipe(take(3), toArray()));
      expect(candles).to.have.length(3);
      expect(new Set(candles.map((c) => c.candle?.start)).size).to.equal(1);
    });

    it('depth/updates chain by previousSequenceNumber per market', async () => {
      const updates = await firstValueFrom(vega.marketsDepthUpdates({ marketIds: [markets[0] as string] }).pipe(take(6), toArray()));
      for (let i = 1; i < updates.length; i++) {
        expect(updates[i]?.update[0]?.previousSequenceNumber).to.equal(updates[i - 1]?.update[0]?.sequenceNumber);
      }
    });
  });

  describe('control surface', () => {
    it('injectSequenceGap: the next update does not chain', async () => {
      const market = markets[1] as string;
      const updates$ = vega.marketsDepthUpdates({ marketIds: [market] });
      const seen = record(updates$);
      await seen.received(2);
      sim.injectSequenceGap(market);
      await seen.received(5);
      seen.subscription.unsubscribe();
      const chain = seen.values.map((r) => r.update[0]!);
      const breaks = chain.slice(1).filter((u, i) => u.previousSequenceNumber !== chain[i]?.sequenceNumber);
      expect(breaks).to.have.length(1);
    });

    it('injectFrame: a malformed frame reaches the client as a ProtocolError', async () => {
      const trades = record(vega.trades());
      await until(() => sim.server.subscriptions.size > 0 && [...sim.server.subscriptions.values()].some((s) => s.path.endsWith('/trades')), 'the trades subscription');
      sim.injectFrame('{"result":{"trades":[', (s) => s.path.endsWith('/trades'));
      expect(await trades.errored(3000)).to.be.instanceOf(ProtocolError);
    });

    it('dropConnections: clients see a dropped connection (1006)', async () => {
      const orders = record(vega.orders());
      await orders.received(1);
      sim.dropConnections((s) => s.path.endsWith('/orders'));
      const error = (await orders.errored(3000)) as ConnectionError;
      expect(error.code).to.equal(1006);
    });

    it('pause and resume block production', async () => {
      sim.pause();
      const height = sim.node.lastBlock?.height;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sim.node.lastBlock?.height).to.equal(height);
      sim.resume();
      await until(() => sim.node.lastBlock!.height > height!, 'a new block');
    });

    it('a book built from the depth route and its updates equals the authoritative book', async () => {
      const market = markets[2] as string;
      sim.pause();
      const fulls = record(vega.marketsDepth({ marketIds: [market] }));
      const updates = record(vega.marketsDepthUpdates({ marketIds: [market] }));
      await until(() => [...sim.server.subscriptions.values()].filter((s) => s.path.includes('/markets/depth')).length === 2, 'both subscriptions');
      for (let i = 0; i < 40; i++) {
        sim.step(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const truth = sim.node.marketDepth(market);
      await until(() => updates.values.at(-1)?.update[0]?.sequenceNumber === truth.sequenceNumber, 'the last update');
      fulls.subscription.unsubscribe();
      updates.subscription.unsubscribe();
      sim.resume();
      const first = fulls.values[0]!.marketDepth[0]!;
      const book = { buy: new Map<string, string>(), sell: new Map<string, string>() };
      for (const l of first.buy) book.buy.set(l.price, l.volume);
      for (const l of first.sell) book.sell.set(l.price, l.volume);
      let last = BigInt(first.sequenceNumber);
      for (const { update } of updates.values) {
        const u = update[0]!;
        if (BigInt(u.sequenceNumber) <= last) continue; // stale: already in the full book
        expect(u.previousSequenceNumber).to.equal(String(last));
        for (const [side, levels] of [['buy', u.buy], ['sell', u.sell]] as const) {
          for (const l of levels) {
            if (l.volume === '0') book[side].delete(l.price);
            else book[side].set(l.price, l.volume);
          }
        }
        last = BigInt(u.sequenceNumber);
      }
      expect(String(last)).to.equal(truth.sequenceNumber);
      expect(Object.fromEntries(book.buy)).to.deep.equal(Object.fromEntries(truth.buy.map((l) => [l.price, l.volume])));
      expect(Object.fromEntries(book.sell)).to.deep.equal(Object.fromEntries(truth.sell.map((l) => [l.price, l.volume])));
    });
  });

  describe('REST and HTTP', () => {
    it('GET latest depth: the book in REST encoding with its sequence number', async () => {
      const { status, body } = await getJson(`${sim.httpUrl}/api/v2/market/depth/${markets[0]}/latest`);
      expect(status).to.equal(200);
      expect(body['marketId']).to.equal(markets[0]);
      expect(body['sequenceNumber']).to.match(/^\d+$/);
      expect((body['buy'] as unknown[]).length).to.be.greaterThan(0);
    });

    it('GET markets: every market, enums by name', async () => {
      const { body } = await getJson(`${sim.httpUrl}/api/v2/markets`);
      const edges = (body['markets'] as { edges: Array<{ node: { id: string; state: unknown } }> }).edges;
      expect(edges.map((e) => e.node.id)).to.deep.equal(markets);
      expect(edges[0]?.node.state).to.be.a('string');
    });

    it('GET candle intervals: a candle id per interval', async () => {
      const { body } = await getJson(`${sim.httpUrl}/api/v2/candle/intervals?marketId=${markets[0]}`);
      expect((body['intervalToCandleId'] as unknown[]).length).to.equal(12);
    });
  });
});

describe('simulator: replay mode', function () {
  this.timeout(20_000);

  it('serves the recorded event stream on the event bus', async () => {
    const sim = await Simulator.start({ replay: RECORDING, blockMs: 1 });
    try {
      const vega = createClient({ nodes: [sim.url], pingIntervalMs: 0 });
      const batches = await firstValueFrom(vega.eventBus({ type: ['BUS_EVENT_TYPE_BEGIN_BLOCK'] }).pipe(take(3), toArray()));
      const heights = batches.flatMap((b) => b.events.map((e) => e.beginBlock?.height));
      expect(heights.length).to.be.greaterThan(0);
      for (const h of heights) expect(h).to.match(/^\d+$/);
    } finally {
      await sim.stop();
    }
  });
});
