import { expect } from 'chai';
import { catchError, map, of, take, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import {
  BadRequestError,
  ConnectionError,
  DataNodeError,
  DecodeError,
  ObserveTradesResponseCodec,
  ProtocolError,
  Side,
  VegaStreamError,
  decodeOrThrow,
  type ObserveTradesResponse,
  tradesRoute,
  type LatestMarketDepth,
} from '../../lib/index.js';
import {
  DEFAULT_MARKET_ID,
  FAKE_NODE_URL,
  SECOND_MARKET_ID,
  channelClosedFrame,
  depth,
  dropped,
  errorFrame,
  fakeDataNode,
  priceLevel,
  statusFrame,
  tooManySubscriptionsFrame,
  trade,
  tradesFrame,
  type FakeFrame,
} from '../../lib/testing/index.js';
import { asFrame, loadSamples } from '../support/samples.js';

/** Values pass through; an error becomes one value, so marbles can compare it. */
function caught<T>(source$: Observable<T>): Observable<T | unknown> {
  return source$.pipe(catchError((error: unknown) => of(error)));
}

/** A library error as `kind` (and `retryable`), for marble values. */
function kindOf<T>(source$: Observable<T>): Observable<T | string> {
  return source$.pipe(
    catchError((error: unknown) => of(error instanceof VegaStreamError ? `${error.kind}${error.retryable ? ' (retryable)' : ''}` : String(error))),
  );
}

const TRADES_URL = `${FAKE_NODE_URL}/api/v2/stream/trades`;

describe('testing: fakeDataNode', () => {
  it(
    'a script value it cannot send fails the stream with a TypeError naming the route and connection',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('a', { a: 42 as unknown as FakeFrame<ObserveTradesResponse> }) } });
      let failure: unknown;
      node.client.trades({}).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(TypeError);
      expect((failure as Error).message).to.match(/^fakeDataNode, route "trades" \(connection 0\): The fake data node cannot send a number/);
      expect(node.openConnections()).to.deep.equal([]);
    }),
  );

  it(
    'decodes typed frames through the real path: encoded as the node writes them, decoded back to the same value',
    marbles((m) => {
      const built = trade({ price: '101000', size: '7', aggressor: Side.SIDE_SELL });
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('--a', { a: tradesFrame([built]) }) } });
      m.expect(node.client.trades({ marketIds: [DEFAULT_MARKET_ID] })).toBeObservable('--a', { a: { trades: [built] } });
      // The wire JSON: enums as numbers, defaults left out.
      const raw$ = node.client.rawStream(tradesRoute, {}).pipe(map((r) => (r['trades'] as Record<string, unknown>[])[0]));
      m.expect(raw$).toBeObservable('--a', {
        a: {
          id: built.id,
          marketId: DEFAULT_MARKET_ID,
          price: '101000',
          size: '7',
          buyer: built.buyer,
          seller: built.seller,
          aggressor: 2,
          buyOrder: built.buyOrder,
          sellOrder: built.sellOrder,
          timestamp: built.timestamp,
          type: 1,
          assetPrice: '101000',
        },
      });
    }),
  );

  it(
    'sends string frames as they are (a captured sample decodes like any frame)',
    marbles((m) => {
      const sample = loadSamples().find((s) => s.file === 'trades__docs-ws-2023.json');
      if (sample === undefined) throw new Error('sample trades__docs-ws-2023.json is missing');
      const expected = decodeOrThrow(ObserveTradesResponseCodec, (sample.body as { result: unknown }).result, 'sample');
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('-a', { a: asFrame(sample) }) } });
      m.expect(node.client.trades()).toBeObservable('-a', { a: expected });
      m.flush();
      expect(expected.trades[0]?.aggressor).to.equal(Side.SIDE_SELL);
    }),
  );

  it(
    'turns error frames into DataNodeErrors: wrapped with a vega detail, plain, and bare gateway statuses',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          trades: [
            m.cold('-a-e', { a: tradesFrame([trade()]), e: channelClosedFrame() }),
            m.cold('e', { e: tooManySubscriptionsFrame() }),
            m.cold('e', { e: statusFrame(3, 'parsing field "marketIds": bad') }),
            m.cold('e', { e: errorFrame(3, 10024) }),
          ],
        },
      });
      const errors: DataNodeError[] = [];
      const collect = (slot: number): Observable<number> =>
        node.client.trades().pipe(
          map((r) => r.trades.length),
          catchError((error: unknown) => {
            if (error instanceof DataNodeError) errors[slot] = error;
            return of(-1);
          }),
        );
      m.expect(collect(0)).toBeObservable('-a-(e|)', { a: 1, e: -1 });
      m.expect(collect(1)).toBeObservable('(e|)', { e: -1 });
      m.expect(collect(2)).toBeObservable('(e|)', { e: -1 });
      m.expect(collect(3)).toBeObservable('(e|)', { e: -1 });
      m.flush();
      const [closed, exhausted, bare, invalid] = errors;
      expect(closed).to.include({ grpcCode: 13, grpcMessage: 'Internal error', form: 'wrapped', retryable: true, url: TRADES_URL });
      expect(closed?.detail).to.deep.equal({ code: 10010, message: 'internal stream failure', inner: 'channel closed' });
      expect(exhausted).to.include({ grpcCode: 8, grpcMessage: 'client reached max subscription allowed', retryable: true });
      expect(exhausted?.detail).to.equal(undefined);
      expect(bare).to.include({ grpcCode: 3, form: 'bare', retryable: false });
      expect(invalid).to.include({ grpcCode: 3, grpcMessage: 'InvalidArgument error', retryable: false });
      expect(invalid?.detail).to.deep.equal({ code: 10024, message: 'missing proposal id or party id', inner: '' });
      expect(node.connections('trades').map((c) => c.state)).to.deep.equal(['closed-by-client', 'closed-by-client', 'closed-by-client', 'closed-by-client']);
    }),
  );

  it('builds error frames in the shape of the real captures', () => {
    const capture = loadSamples().find((s) => s.file === 'stream-error__hb-mockws-maxsubs.json');
    expect(tooManySubscriptionsFrame()).to.deep.equal(capture?.body);
    expect(errorFrame(13, 10010, undefined, 'channel closed')).to.deep.equal({
      error: {
        code: 13,
        message: 'Internal error',
        details: [{ '@type': 'type.googleapis.com/vega.ErrorDetail', code: 10010, message: 'internal stream failure', inner: 'channel closed' }],
      },
    });
  });

  it(
    'turns binary frames, bad JSON and undecodable results into ProtocolError / DecodeError, closing the socket at that frame',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          trades: [
            m.cold<FakeFrame<ObserveTradesResponse>>('--b', { b: new Uint8Array([1, 2, 3]) }),
            m.cold('-j', { j: '{"result":' }),
            m.cold('-d', { d: '{"result":{"trades":[{"size":"-1"}]}}' }),
          ],
        },
      });
      const errors: unknown[] = [];
      const run = (slot: number): Observable<string> =>
        caught(node.client.trades()).pipe(
          map((value) => {
            errors[slot] = value;
            return 'e';
          }),
        );
      m.expect(run(0)).toBeObservable('--(e|)', { e: 'e' });
      m.expect(run(1)).toBeObservable('-(e|)', { e: 'e' });
      m.expect(run(2)).toBeObservable('-(e|)', { e: 'e' });
      m.flush();
      expect(errors[0]).to.be.instanceOf(ProtocolError).and.to.include({ frameStart: '<3 bytes>' });
      expect(errors[1]).to.be.instanceOf(ProtocolError);
      expect((errors[1] as ProtocolError).problem).to.match(/^not JSON/);
      expect(errors[2]).to.be.instanceOf(DecodeError).and.to.include({ path: '$.result.trades[0].size' });
      expect(node.connections().map((c) => [c.unsubscribedFrame, c.state])).to.deep.equal([
        [2, 'closed-by-client'],
        [1, 'closed-by-client'],
        [1, 'closed-by-client'],
      ]);
    }),
  );

  it(
    'refuses bad filters before any connection is recorded',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('-a', { a: tradesFrame([]) }), votes: m.cold('-') } });
      m.expect(kindOf(node.client.trades({ marketIds: ['BTCUSD'] }))).toBeObservable('(e|)', { e: 'bad-request' });
      m.expect(kindOf(node.client.votes({}))).toBeObservable('(e|)', { e: 'bad-request' });
      m.expect(kindOf(node.client.eventBus({ type: ['BUS_EVENT_TYPE_UNSPECIFIED'] }))).toBeObservable('(e|)', { e: 'bad-request' });
      m.flush();
      expect(node.connections()).to.have.length(0);
    }),
  );

  it(
    'scripts successive connections with an array (the last repeats) and records them with their filters',
    marbles((m) => {
      const first = trade({ price: '1' });
      const second = trade({ price: '2' });
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          trades: [m.cold('-a-#', { a: tradesFrame(first) }, dropped), m.cold('--b', { b: tradesFrame(second) })],
        },
      });
      const prices$ = (): Observable<string> => node.client.trades({ marketIds: [DEFAULT_MARKET_ID, SECOND_MARKET_ID] }).pipe(map((r) => r.trades.map((t) => t.price).join()));
      m.expect(caught(prices$())).toBeObservable('-a-(e|)', { a: '1', e: dropped });
      m.expect(prices$(), '^----!').toBeObservable('--b', { b: '2' });
      m.expect(prices$(), '^-!').toBeObservable('--', {});
      m.flush();
      const records = node.connections('trades');
      expect(records.map((c) => [c.index, c.subscribedFrame, c.unsubscribedFrame, c.state])).to.deep.equal([
        [0, 0, 3, 'closed-by-node'],
        [1, 0, 5, 'closed-by-client'],
        [2, 0, 2, 'closed-by-client'],
      ]);
      expect(records[0]?.filters).to.deep.equal({ marketIds: [DEFAULT_MARKET_ID, SECOND_MARKET_ID] });
      expect(records[0]?.query).to.equal(`?marketIds=${DEFAULT_MARKET_ID}&marketIds=${SECOND_MARKET_ID}`);
      expect(records[0]?.url).to.equal(`${TRADES_URL}?marketIds=${DEFAULT_MARKET_ID}&marketIds=${SECOND_MARKET_ID}`);
      expect(node.connections('/api/v2/stream/trades')).to.deep.equal(records);
      expect(node.openConnections()).to.deep.equal([]);
    }),
  );

  it(
    'scripts a route with a function of the request, and reads enums and booleans back from the query',
    marbles((m) => {
      const seen: unknown[] = [];
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          accounts: (request) => {
            seen.push([request.route, request.connection, request.filters]);
            return m.cold('-a', { a: { result: { snapshot: { accounts: [], lastPage: true } } } });
          },
        },
      });
      const pages$ = node.client.accounts({ partyId: 'network', type: 4, includeDerivedParties: true }).pipe(map((r) => r.snapshot?.lastPage));
      m.expect(pages$).toBeObservable('-a', { a: true });
      m.flush();
      expect(seen).to.deep.equal([['accounts', 0, { partyId: 'network', type: 'ACCOUNT_TYPE_GENERAL', includeDerivedParties: true }]]);
    }),
  );

  it(
    'treats a script that completes as the node dropping the socket (ConnectionError 1006, phase open)',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('-a|', { a: tradesFrame([]) }) } });
      m.expect(caught(node.client.trades().pipe(map((r) => r.trades.length)))).toBeObservable('-a(e|)', {
        a: 0,
        e: new ConnectionError(TRADES_URL, 1006, '', 'open'),
      });
      m.flush();
      expect(node.connections()[0]).to.include({ unsubscribedFrame: 2, state: 'closed-by-node' });
    }),
  );

  it(
    'records when the client unsubscribes, and the script is unsubscribed too',
    marbles((m) => {
      const script = m.cold('-a-a-a-a', { a: tradesFrame([]) });
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: script } });
      m.expect(node.client.trades().pipe(take(2), map((r) => r.trades.length))).toBeObservable('-a-(a|)', { a: 0 });
      m.expect(script).toHaveSubscriptions('^--!');
      m.flush();
      expect(node.connections()[0]).to.include({ subscribedFrame: 0, unsubscribedFrame: 3, state: 'closed-by-client' });
      expect(node.openConnections('trades')).to.have.length(0);
    }),
  );

  it(
    'records the event bus request and the batch acks, and reads the filters from the request',
    marbles((m) => {
      const events = { result: { events: [] } };
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { eventBus: m.cold('--a--a', { a: events }) } });
      const bus$ = node.client.eventBus({ type: ['BUS_EVENT_TYPE_TRADE'], marketId: DEFAULT_MARKET_ID, batchSize: 2 }).pipe(map((r) => r.events.length));
      m.expect(bus$, '^------!').toBeObservable('--a--a', { a: 0 });
      m.flush();
      const request = `{"type":["BUS_EVENT_TYPE_TRADE"],"marketId":"${DEFAULT_MARKET_ID}","batchSize":"2"}`;
      expect(node.sent('eventBus').map((f) => [f.frame, f.text])).to.deep.equal([
        [0, request],
        [2, '{"batchSize":"2"}'],
        [5, '{"batchSize":"2"}'],
      ]);
      const [connection] = node.connections('eventBus');
      expect(connection?.sent).to.deep.equal([request, '{"batchSize":"2"}', '{"batchSize":"2"}']);
      expect(connection?.query).to.equal('');
      expect(connection?.filters).to.deep.equal({ type: ['BUS_EVENT_TYPE_TRADE'], marketId: DEFAULT_MARKET_ID, batchSize: 2 });
    }),
  );

  it(
    'serves the REST latest depth from its script, in REST encoding, with errors as gateway statuses',
    marbles((m) => {
      const book: LatestMarketDepth = { ...depth({ buy: [priceLevel(99950, 5)], sell: [priceLevel(100050, 7)], sequenceNumber: '42' }) };
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          latestMarketDepth: [m.cold('---a', { a: { result: book } }), m.cold('-e', { e: statusFrame(5, 'Not Found') }), m.cold('-|')],
        },
      });
      m.expect(node.client.latestMarketDepth(DEFAULT_MARKET_ID, { maxDepth: 10 })).toBeObservable('---(a|)', { a: book });
      m.expect(kindOf(node.client.latestMarketDepth(SECOND_MARKET_ID))).toBeObservable('-(e|)', { e: 'data-node' });
      m.expect(kindOf(node.client.latestMarketDepth(SECOND_MARKET_ID))).toBeObservable('-(e|)', { e: 'connection (retryable)' });
      m.expect(kindOf(node.client.latestMarketDepth('nope'))).toBeObservable('(e|)', { e: 'bad-request' });
      m.flush();
      const [first, second] = node.connections('latestMarketDepth');
      expect(first).to.include({
        url: `https://fake-data-node.test/api/v2/market/depth/${DEFAULT_MARKET_ID}/latest?maxDepth=10`,
        path: '/api/v2/market/depth/{marketId}/latest',
        unsubscribedFrame: 3,
        state: 'closed-by-node',
      });
      expect(first?.filters).to.deep.equal({ marketId: DEFAULT_MARKET_ID, maxDepth: 10 });
      expect(second?.filters).to.deep.equal({ marketId: SECOND_MARKET_ID });
      expect(node.connections()).to.have.length(3);
    }),
  );

  it(
    'fails a route with no script with a message naming the route and how to script it',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler });
      let message = '';
      const data$ = node.client.marketsData({ marketIds: [DEFAULT_MARKET_ID] }).pipe(
        catchError((error: unknown) => {
          message = (error as Error).message;
          return of('failed');
        }),
      );
      m.expect(data$).toBeObservable('(a|)', { a: 'failed' });
      m.flush();
      expect(message).to.contain('no script for route "marketsData" (/api/v2/stream/markets/data)');
      expect(message).to.contain("routes: { marketsData: m.cold('-a'");
      expect(node.connections()).to.have.length(0);
    }),
  );

  it(
    'passes the error of # through unchanged (a bad-request error value stays that value)',
    marbles((m) => {
      const custom = new BadRequestError('/x', 'y', 'z');
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('--#', undefined, custom) } });
      m.expect(caught(node.client.trades())).toBeObservable('--(e|)', { e: custom });
    }),
  );
});
