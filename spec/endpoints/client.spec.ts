import { expect } from 'chai';
import { take, tap, firstValueFrom, toArray, type Observable } from 'rxjs';
import { WebSocket as NodeWebSocket, type WebSocket } from 'ws';
import {
  BadRequestError,
  ConnectionError,
  DataNodeError,
  DecodeError,
  ProtocolError,
  Side,
  candleId,
  createClient,
  eventBusRoute,
  type VegaClient,
  type WebSocketConstructor,
} from '../../lib/index.js';
import { LoopbackServer } from '../support/loopback-server.js';
import { expectNoNewResources, resourceSnapshot, type ResourceSnapshot } from '../support/handles.js';
import { record } from '../support/recorder.js';
import { asFrame, loadSamples } from '../support/samples.js';

const MARKET = 'f'.repeat(64);
const PARTY = '0123456789abcdef'.repeat(4);
const SAMPLES = loadSamples();

function sampleFrame(file: string): string {
  const sample = SAMPLES.find((s) => s.file === file);
  if (!sample) throw new Error(`no sample ${file}`);
  return asFrame(sample);
}

describe('client endpoints over real sockets', () => {
  let server: LoopbackServer;
  let vega: VegaClient;
  let before: ResourceSnapshot;
  /** Frames the server sends on each new connection, by request path (without query). */
  let script: Map<string, (socket: WebSocket) => void>;

  beforeEach(async () => {
    script = new Map();
    server = await LoopbackServer.start({
      onConnection: (socket, request) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        script.get(path)?.(socket);
      },
    });
    vega = createClient({ nodes: [server.url], pingIntervalMs: 0 });
    before = await resourceSnapshot();
  });

  afterEach(async () => {
    await expectNoNewResources(before);
    await server.stop();
  });

  const sendOnConnect = (path: string, ...frames: string[]) =>
    script.set(path, (socket) => frames.forEach((frame) => socket.send(frame)));

  it('is cold: no socket until subscribe, then one with the route path and query', async () => {
    sendOnConnect('/api/v2/stream/trades', sampleFrame('trades__hb-mockob.json'));
    const trades$ = vega.trades({ marketIds: [MARKET], partyIds: [PARTY] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).to.have.length(0);
    const first = await firstValueFrom(trades$);
    expect(server.requests[0]?.url).to.equal(`/api/v2/stream/trades?marketIds=${MARKET}&partyIds=${PARTY}`);
    expect(server.requests[0]?.headers['sec-websocket-protocol']).to.equal(undefined);
    expect(first.trades).to.have.length(4);
    expect(first.trades[0]?.aggressor).to.equal(Side.SIDE_SELL);
    expect(first.trades[0]?.buyerAuctionBatch).to.equal('0');
    await server.waitForNoConnections();
    expect(server.closes.map((c) => c.code)).to.deep.equal([1000]);
  });

  it('closes the socket with 1000 on unsubscribe and leaves nothing behind', async () => {
    sendOnConnect('/api/v2/stream/orders', '{"result":{"snapshot":{"lastPage":true}}}');
    const recording = record(vega.orders({ partyIds: [PARTY] }));
    await recording.received(1); // open on the client side too
    recording.subscription.unsubscribe();
    await server.waitForNoConnections();
    expect(server.closes).to.deep.equal([{ code: 1000, reason: '' }]);
  });

  it('opens one socket per subscriber', async () => {
    const positions$ = vega.positions({ partyId: PARTY });
    const a = record(positions$);
    const b = record(positions$);
    await server.waitFor(() => server.accepted === 2, 'two connections');
    expect(server.open.size).to.equal(2);
    a.subscription.unsubscribe();
    b.subscription.unsubscribe();
    await server.waitForNoConnections();
  });

  it('decodes snapshot pages and updates with proto3 defaults', async () => {
    sendOnConnect(
      '/api/v2/stream/orders',
      '{"result":{"snapshot":{"orders":[{"id":"o1","side":1,"size":"10","remaining":"10","status":1}]}}}',
      '{"result":{"snapshot":{"lastPage":true}}}',
      '{"result":{"updates":{"orders":[{"id":"o1","side":1,"size":"10","status":5}]}}}',
    );
    const [page1, page2, update] = await firstValueFrom(vega.orders().pipe(take(3), toArray()));
    expect(page1?.snapshot?.lastPage).to.equal(false);
    expect(page2?.snapshot).to.deep.include({ lastPage: true, orders: [] });
    expect(update?.updates?.orders[0]).to.deep.include({ id: 'o1', remaining: '0', status: 5, price: '' });
  });

  it('ends in a retryable ConnectionError (1006) when the node drops the connection', async () => {
    script.set('/api/v2/stream/trades', (socket) => socket.terminate());
    const error = await record(vega.trades()).errored();
    expect(error).to.be.instanceOf(ConnectionError);
    expect((error as ConnectionError).code).to.equal(1006);
    expect((error as ConnectionError).retryable).to.equal(true);
    expect((error as ConnectionError).url).to.equal(`${server.url}/api/v2/stream/trades`);
  });

  it('ends in a DataNodeError on an error frame, then closes the socket', async () => {
    sendOnConnect(
      '/api/v2/stream/markets/depth',
      '{"error":{"code":13,"message":"Internal error","details":[{"@type":"type.googleapis.com/vega.ErrorDetail","code":10000,"message":"no market found for id"}]}}',
    );
    const error = await record(vega.marketsDepth({ marketIds: [MARKET] })).errored();
    expect(error).to.be.instanceOf(DataNodeError);
    expect((error as DataNodeError).detail?.message).to.equal('no market found for id');
    expect((error as DataNodeError).retryable).to.equal(false);
    await server.waitForNoConnections();
  });

  it('ends in a ProtocolError on a malformed frame, then closes the socket', async () => {
    sendOnConnect('/api/v2/stream/markets/data', '{"result":{"marketData":[');
    const error = await record(vega.marketsData({ marketIds: [MARKET] })).errored();
    expect(error).to.be.instanceOf(ProtocolError);
    expect((error as ProtocolError).frameStart).to.contain('marketData');
    await server.waitForNoConnections();
    expect(server.closes.map((c) => c.code)).to.deep.equal([1000]);
  });

  it('ends in a DecodeError naming the route and the field path', async () => {
    sendOnConnect('/api/v2/stream/trades', '{"result":{"trades":[{"id":"t1"},{"id":"t2","size":-3}]}}');
    const error = await record(vega.trades()).errored();
    expect(error).to.be.instanceOf(DecodeError);
    const e = error as DecodeError;
    expect(e.route).to.equal('/api/v2/stream/trades');
    expect(e.path).to.equal('$.result.trades[1].size');
    expect(e.actual).to.equal('-3');
  });

  describe('refuses bad filters before any socket opens', () => {
    const cases: Array<[string, (v: VegaClient) => Observable<unknown>, string]> = [
      ['a malformed market id', (v) => v.trades({ marketIds: ['BTCUSD'] }), 'marketIds'],
      ['a missing candle id', (v) => v.candleData({} as { candleId: string }), 'candleId'],
      ['a malformed candle id', (v) => v.candleData({ candleId: `trades_candle_2_minutes_${MARKET}` }), 'candleId'],
      ['votes without party or proposal', (v) => v.votes({}), 'partyId'],
      ['depth without markets', (v) => v.marketsDepth({ marketIds: [] }), 'marketIds'],
      ['derived parties without a party', (v) => v.positions({ includeDerivedParties: true }), 'includeDerivedParties'],
      ['a misspelt filter', (v) => v.trades({ marketId: MARKET } as never), 'marketId'],
      ['an empty market list (the node would send every market)', (v) => v.orders({ marketIds: [] }), 'marketIds'],
      ['"network" as a market id', (v) => v.trades({ marketIds: ['network'] }), 'marketIds'],
      ['votes called without filters from plain JavaScript', (v) => (v.votes as () => Observable<unknown>)(), 'partyId'],
      ['event bus types not given as a list', (v) => v.eventBus({ type: 'BUS_EVENT_TYPE_TRADE' as never }), 'type'],
      ['a negative event bus batch size', (v) => v.eventBus({ batchSize: -1 }), 'batchSize'],
    ];
    for (const [what, open, parameter] of cases) {
      it(what, async () => {
        const error = await record(open(vega)).errored();
        expect(error).to.be.instanceOf(BadRequestError);
        expect((error as BadRequestError).parameter).to.equal(parameter);
        expect((error as BadRequestError).retryable).to.equal(false);
        expect(server.requests).to.have.length(0);
      });
    }

    it('event bus: unknown type names and UNSPECIFIED', async () => {
      for (const type of ['BUS_EVENT_TYPE_NOPE', 'BUS_EVENT_TYPE_UNSPECIFIED'] as const) {
        const error = await record(vega.eventBus({ type: [type as 'BUS_EVENT_TYPE_ALL'] })).errored();
        expect(error).to.be.instanceOf(BadRequestError);
        expect((error as BadRequestError).parameter).to.equal('type');
      }
      expect(server.requests).to.have.length(0);
    });
  });

  it('sends the event bus request frame on open, types by name', async () => {
    // Like the node, answer only once the request frame has come.
    script.set('/api/v2/stream/event/bus', (socket) => socket.once('message', () => socket.send(sampleFrame('event-bus__vega-evt-one-per-type.json'))));
    const response = await firstValueFrom(vega.eventBus({ type: [8, 'BUS_EVENT_TYPE_ORDER'], marketId: MARKET }));
    expect(JSON.parse(server.received[0] ?? '')).to.deep.equal({
      type: ['BUS_EVENT_TYPE_TRADE', 'BUS_EVENT_TYPE_ORDER'],
      marketId: MARKET,
      batchSize: '0',
    });
    expect(response.events.length).to.be.greaterThan(10);
    expect(server.received).to.have.length(1);
  });

  it('event bus with a batch size asks for the next batch only after delivering the previous one', async () => {
    const batch = (n: number) => JSON.stringify({ result: { events: [{ id: `1-${n}`, type: 8 }, { id: `1-${n + 1}`, type: 8 }] } });
    let batches = 0;
    script.set('/api/v2/stream/event/bus', (socket) => {
      // Like the node: one batch after the request, then one per acknowledgement.
      socket.on('message', () => socket.send(batch(2 * batches++)));
    });
    // A real ws socket whose sends are counted on the client side, as they happen.
    const sent: string[] = [];
    const CountingWebSocket = function (url: string) {
      const socket = new NodeWebSocket(url);
      const send = socket.send.bind(socket);
      socket.send = ((data: string) => {
        sent.push(data);
        send(data);
      }) as typeof socket.send;
      return socket;
    } as unknown as WebSocketConstructor;
    const counting = createClient({ nodes: [server.url], pingIntervalMs: 0, WebSocket: CountingWebSocket });
    const sentAtDelivery: number[] = [];
    await firstValueFrom(
      counting.eventBus({ batchSize: 2 }).pipe(
        tap(() => sentAtDelivery.push(sent.length)),
        take(3),
        toArray(),
      ),
    );
    // Inside the n-th delivery the client has sent the request and n-1 acknowledgements; the
    // third delivery ended the stream (take(3)), so no acknowledgement followed it.
    expect(sentAtDelivery).to.deep.equal([1, 2, 3]);
    expect(sent).to.deep.equal([JSON.stringify({ type: ['BUS_EVENT_TYPE_ALL'], batchSize: '2' }), '{"batchSize":"2"}', '{"batchSize":"2"}']);
    await server.waitForNoConnections();
  });

  it('the generic stream() sends the event bus request too', async () => {
    script.set('/api/v2/stream/event/bus', (socket) => socket.once('message', () => socket.send('{"result":{"events":[{"id":"5-0","type":49}]}}')));
    const response = await firstValueFrom(vega.stream(eventBusRoute, { type: ['BUS_EVENT_TYPE_BEGIN_BLOCK'] }));
    expect(response.events[0]).to.deep.include({ id: '5-0', type: 49 });
    expect(JSON.parse(server.received[0] ?? '')).to.deep.equal({ type: ['BUS_EVENT_TYPE_BEGIN_BLOCK'], batchSize: '0' });
  });

  it('event bus: a consumer that stops inside delivery never causes an acknowledgement', async () => {
    script.set('/api/v2/stream/event/bus', (socket) => {
      socket.on('message', () => socket.send(JSON.stringify({ result: { events: [{ id: '1-0' }, { id: '1-1' }] } })));
    });
    const [response] = await firstValueFrom(vega.eventBus({ batchSize: 2 }).pipe(take(1), toArray()));
    expect(response?.events).to.have.length(2);
    await server.waitForNoConnections();
    // Only the request: the acknowledgement would have gone out after delivery, and delivery ended the stream.
    expect(server.received).to.have.length(1);
  });

  it('serves all 15 routes through their factories', async () => {
    const frames: Record<string, string> = {
      '/api/v2/stream/accounts': sampleFrame('accounts__hb-mockws-snapshot.json'),
      '/api/v2/stream/orders': sampleFrame('orders__hb-mockws-updates.json'),
      '/api/v2/stream/positions': sampleFrame('positions__hb-mockws-snapshot.json'),
      '/api/v2/stream/markets/depth': sampleFrame('markets-depth__hb-mockob.json'),
      '/api/v2/stream/markets/depth/updates': sampleFrame('markets-depth-updates__hb-mockws.json'),
      '/api/v2/stream/markets/data': sampleFrame('markets-data__hb-mockws.json'),
      '/api/v2/stream/candle/data': '{"result":{"candle":{"start":"1700000000000000000","lastUpdate":"1700000000000000000","high":"12","low":"10","open":"11","close":"12","volume":"3"}}}',
      '/api/v2/stream/votes': sampleFrame('votes__vega-evt.json'),
      '/api/v2/stream/trades': sampleFrame('trades__hb-mockws.json'),
      '/api/v2/stream/margin/levels': sampleFrame('margin-levels__vega-evt.json'),
      '/api/v2/stream/governance': sampleFrame('governance__vega-evt-newmarket.json'),
      '/api/v2/stream/ledger/movements': sampleFrame('ledger-movements__vega-evt-1.json'),
      '/api/v2/stream/liquidity-provisions': sampleFrame('liquidity-provisions__vega-evt.json'),
      '/api/v2/stream/transaction-results': sampleFrame('transaction-results__vega-evt-success.json'),
    };
    for (const [path, frame] of Object.entries(frames)) sendOnConnect(path, frame);
    const busFrame = sampleFrame('event-bus__vega-evt-block522.json');
    script.set('/api/v2/stream/event/bus', (socket) => socket.once('message', () => socket.send(busFrame)));
    const markets = { marketIds: [MARKET] };
    const results = await Promise.all([
      firstValueFrom(vega.accounts({ partyId: PARTY, type: 'ACCOUNT_TYPE_GENERAL' })),
      firstValueFrom(vega.orders()),
      firstValueFrom(vega.positions({ partyId: PARTY })),
      firstValueFrom(vega.marketsDepth(markets)),
      firstValueFrom(vega.marketsDepthUpdates(markets)),
      firstValueFrom(vega.marketsData(markets)),
      firstValueFrom(vega.candleData({ candleId: candleId(MARKET, '1_minute') })),
      firstValueFrom(vega.votes({ partyId: PARTY })),
      firstValueFrom(vega.trades()),
      firstValueFrom(vega.marginLevels({ partyId: PARTY })),
      firstValueFrom(vega.governance()),
      firstValueFrom(vega.eventBus()),
      firstValueFrom(vega.ledgerMovements()),
      firstValueFrom(vega.liquidityProvisions({ marketId: MARKET })),
      firstValueFrom(vega.transactionResults({ status: true })),
    ]);
    expect(results).to.have.length(15);
    const paths = new Set(server.requests.map((r) => (r.url ?? '').split('?')[0]));
    expect(paths).to.deep.equal(new Set([...Object.keys(frames), '/api/v2/stream/event/bus']));
    const byPath = new Map(server.requests.map((r) => [(r.url ?? '').split('?')[0], r.url]));
    expect(byPath.get('/api/v2/stream/accounts')).to.equal(`/api/v2/stream/accounts?partyId=${PARTY}&type=ACCOUNT_TYPE_GENERAL`);
    expect(byPath.get('/api/v2/stream/transaction-results')).to.equal('/api/v2/stream/transaction-results?status=true');
    expect(results[6]).to.deep.include({ candle: { start: '1700000000000000000', lastUpdate: '1700000000000000000', high: '12', low: '10', open: '11', close: '12', volume: '3', notional: '0' } });
    await server.waitForNoConnections();
  });
});

describe('createClient', () => {
  it('normalises node addresses and rotates through them', () => {
    const vega = createClient({ nodes: ['https://a.example/', 'ws://127.0.0.1:3008'] });
    expect(vega.nodes).to.deep.equal(['wss://a.example', 'ws://127.0.0.1:3008']);
    expect(vega.currentNode()).to.equal('wss://a.example');
    expect(vega.rotateNode()).to.equal('ws://127.0.0.1:3008');
    expect(vega.rotateNode()).to.equal('wss://a.example');
  });

  it('refuses no nodes and malformed node addresses with a message saying the expected form', () => {
    expect(() => createClient({ nodes: [] })).to.throw(TypeError, /at least one node/);
    expect(() => createClient({ nodes: ['api.vega.xyz'] })).to.throw(TypeError, /is not a URL/);
    expect(() => createClient({ nodes: ['ftp://api.vega.xyz'] })).to.throw(TypeError, /use wss:\/\//);
  });
});
