import { expect } from 'chai';
import { catchError, map, of, retry, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import {
  OrderStatus,
  VegaStreamError,
  createClient,
  ordersRoute,
  type ClientOptions,
  type ObserveOrdersResponse,
  type Order,
} from '../../lib/index.js';
import { shareStreams, type ShareStreamsConfig } from '../../lib/operators/share-streams.js';
import { ORDERS } from '../../lib/operators/snapshot-kinds.js';
import { virtualWebSocket, type VirtualScript } from '../socket/virtual-websocket.js';
import { LoopbackServer } from '../support/loopback-server.js';
import { until } from '../support/wait.js';

const NODE = 'wss://node.example';
const MARKET_A = 'a'.repeat(64);
const MARKET_B = 'b'.repeat(64);
const PARTY = 'c'.repeat(64);
const CANDLE = `trades_candle_1_minute_${MARKET_A}`;

type Scheduler = NonNullable<ClientOptions['scheduler']>;

/** A shared client over a client whose sockets follow `script` in virtual time. */
function setup(scheduler: Scheduler, script: VirtualScript, config: ShareStreamsConfig = {}) {
  const { WebSocket, sockets } = virtualWebSocket(scheduler, script);
  const inner = createClient({ nodes: [NODE], WebSocket, scheduler, pingIntervalMs: 0 });
  return { vega: shareStreams(inner, { scheduler, ...config }), inner, sockets };
}

/** Values pass through; a library error becomes one value naming its kind, so marbles can compare it. */
function outcome<T>(source$: Observable<T>): Observable<T | string> {
  return source$.pipe(catchError((error: unknown) => of(error instanceof VegaStreamError ? error.kind : String(error))));
}

/** An order as the stream sends it (zero values omitted). */
function order(n: number, status: OrderStatus = OrderStatus.STATUS_ACTIVE, remaining = n): Record<string, unknown> {
  return { id: `o${n}`, marketId: MARKET_A, status, remaining: String(remaining) };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** An orders snapshot frame (`lastPage` left out when false, as the node does). */
function snapshotFrame(orders: readonly Record<string, unknown>[], lastPage: boolean): string {
  return JSON.stringify({ result: { snapshot: { orders, ...(lastPage && { lastPage }) } } });
}

function updatesFrame(orders: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ result: { updates: { orders } } });
}

/** One orders frame in short: `S o1..o50` (`!` on a last page) or `U o1:5 o61:1` (id:status). */
function describeOrders(response: ObserveOrdersResponse): string {
  if (response.snapshot) {
    const ids = response.snapshot.orders.map((o) => o.id);
    return `S ${ids.length ? `${ids[0]}..${ids[ids.length - 1]}` : '-'}${response.snapshot.lastPage ? '!' : ''}`;
  }
  return `U ${(response.updates?.orders ?? []).map((o) => `${o.id}:${o.status}`).join(' ')}`;
}

/** The live orders that a list of frames describes, by id (as a consumer would accumulate them). */
function stateOf(frames: readonly ObserveOrdersResponse[]): Map<string, Order> {
  const state = new Map<string, Order>();
  for (const frame of frames) {
    for (const item of ORDERS.snapshot(frame)?.items ?? ORDERS.updates(frame) ?? []) {
      if (ORDERS.isLive(item)) state.set(item.id, item);
      else state.delete(item.id);
    }
  }
  return state;
}

function tradesFrame(id: string): string {
  return JSON.stringify({ result: { trades: [{ id, marketId: MARKET_A }] } });
}

const tradeIds = map((r: { trades: readonly { id: string }[] }) => r.trades.map((t) => t.id).join(' '));

describe('shareStreams in virtual time (rxjs-marbles)', () => {
  it(
    'opens one socket for two identical subscriptions and gives both every frame',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1, frames: [[3, tradesFrame('t1')], [6, tradesFrame('t2')]] });
      m.expect(vega.trades({ marketIds: [MARKET_A] }).pipe(tradeIds)).toBeObservable('---a--b', { a: 't1', b: 't2' });
      m.expect(vega.trades({ marketIds: [MARKET_A] }).pipe(tradeIds), '--^').toBeObservable('---a--b', { a: 't1', b: 't2' });
      m.flush();
      expect(sockets).to.have.length(1);
    }),
  );

  it(
    'opens one socket per distinct filters',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1 });
      m.expect(vega.trades({ marketIds: [MARKET_A] })).toBeObservable('-');
      m.expect(vega.trades({ marketIds: [MARKET_B] })).toBeObservable('-');
      m.flush();
      expect(sockets.map((s) => s.url)).to.deep.equal([
        `${NODE}/api/v2/stream/trades?marketIds=${MARKET_A}`,
        `${NODE}/api/v2/stream/trades?marketIds=${MARKET_B}`,
      ]);
    }),
  );

  it(
    'pools filters that differ only in key order, list order, undefined values or by being left out',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1 });
      m.expect(vega.orders({ marketIds: [MARKET_A, MARKET_B], partyIds: [PARTY] })).toBeObservable('-');
      m.expect(vega.orders({ partyIds: [PARTY], excludeLiquidity: undefined, marketIds: [MARKET_B, MARKET_A] })).toBeObservable('-');
      m.expect(vega.stream(ordersRoute, { partyIds: [PARTY], marketIds: [MARKET_A, MARKET_B] })).toBeObservable('-');
      m.expect(vega.orders()).toBeObservable('-');
      m.expect(vega.orders({})).toBeObservable('-');
      m.expect(vega.orders({ excludeLiquidity: false })).toBeObservable('-');
      m.flush();
      // excludeLiquidity=false is kept apart: an explicit false is a filter on some routes.
      expect(sockets).to.have.length(3);
    }),
  );

  it(
    'closes the socket at once when the last subscriber leaves (default delay 0)',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1 });
      m.expect(vega.trades(), '^ 4ms !').toBeObservable('-');
      m.expect(vega.trades(), '-^ 5ms !').toBeObservable('-');
      m.expect(vega.trades(), '10ms ^').toBeObservable('-');
      m.flush();
      expect(sockets).to.have.length(2);
      expect(sockets[0]!.closedBy).to.deep.equal(['close 1000']);
      expect(sockets[0]!.closedAt).to.deep.equal([7]);
    }),
  );

  it(
    'keeps the socket for teardownDelayMs after the last subscriber leaves, then closes it with 1000',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1 }, { teardownDelayMs: 10 });
      m.expect(vega.trades(), '^ 4ms !').toBeObservable('-'); // leaves at 5
      m.expect(vega.trades(), '8ms ^ 3ms !').toBeObservable('-'); // within the delay: same socket, leaves at 12
      m.expect(vega.trades(), '30ms ^').toBeObservable('-'); // after 12 + 10: a new socket
      m.flush();
      expect(sockets).to.have.length(2);
      expect(sockets[0]!.closedBy).to.deep.equal(['close 1000']);
      expect(sockets[0]!.closedAt).to.deep.equal([22]);
      expect(sockets[1]!.closedBy).to.deep.equal([]);
    }),
  );

  it(
    'gives the error of a dropped socket to every subscriber and opens a fresh socket on the next subscribe',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1, frames: [[3, tradesFrame('t1')], [12, tradesFrame('t2')]], failAfter: 5 });
      m.expect(outcome(vega.trades().pipe(tradeIds))).toBeObservable('---a-(e|)', { a: 't1', e: 'connection' });
      m.expect(outcome(vega.trades().pipe(tradeIds)), '--^').toBeObservable('---a-(e|)', { a: 't1', e: 'connection' });
      m.expect(outcome(vega.trades().pipe(tradeIds)), '8ms ^').toBeObservable('12ms b 0ms (e|)', { b: 't2', e: 'connection' });
      m.flush();
      expect(sockets).to.have.length(2);
    }),
  );

  describe('late subscribers of a route that starts with a snapshot (orders)', () => {
    const firstPage = range(1, 50).map((n) => order(n));
    const secondPage = range(51, 60).map((n) => order(n));
    const frames: [number, string][] = [
      [3, snapshotFrame(firstPage, false)],
      [4, snapshotFrame(secondPage, true)],
      [6, updatesFrame([order(1, OrderStatus.STATUS_FILLED), order(61), order(2, OrderStatus.STATUS_ACTIVE, 1)])],
      [14, updatesFrame([order(3, OrderStatus.STATUS_CANCELLED)])],
    ];

    it(
      'first get a snapshot rebuilt from the state (filled orders removed) in pages of 50, then the updates',
      marbles((m) => {
        const { vega, sockets } = setup(m.scheduler, { openAfter: 1, frames });
        const early: ObserveOrdersResponse[] = [];
        const late: ObserveOrdersResponse[] = [];
        const early$ = vega.orders({ marketIds: [MARKET_A] }).pipe(map((r) => (early.push(r), describeOrders(r))));
        const late$ = vega.orders({ marketIds: [MARKET_A] }).pipe(map((r) => (late.push(r), describeOrders(r))));
        const values = { a: 'S o1..o50', b: 'S o51..o60!', c: 'U o1:5 o61:1 o2:1', d: 'U o3:3', p: 'S o2..o51', q: 'S o52..o61!' };
        m.expect(early$).toBeObservable('---ab-c-------d', values);
        m.expect(late$, '8ms ^').toBeObservable('8ms (pq)--d', values);
        m.flush();
        expect(sockets).to.have.length(1);
        // The rebuilt snapshot is exactly the state the early subscriber had built when the late one joined.
        const rebuilt = stateOf(late.slice(0, 2));
        expect([...rebuilt.values()]).to.deep.equal([...stateOf(early.slice(0, 3)).values()]);
        expect(rebuilt.get('o2')?.remaining).to.equal('1');
        expect(rebuilt.has('o1')).to.equal(false);
        // And both end in the same state.
        expect([...stateOf(late).keys()].sort()).to.deep.equal([...stateOf(early).keys()].sort());
      }),
    );

    it(
      'joining mid-snapshot get the pages so far without lastPage, then the rest of the original snapshot',
      marbles((m) => {
        const { vega, sockets } = setup(m.scheduler, {
          openAfter: 1,
          frames: [[3, snapshotFrame(firstPage, false)], [6, snapshotFrame(secondPage, true)], [8, updatesFrame([order(1, OrderStatus.STATUS_FILLED)])]],
        });
        const values = { a: 'S o1..o50', b: 'S o51..o60!', c: 'U o1:5' };
        m.expect(vega.orders({ marketIds: [MARKET_A] }).pipe(map(describeOrders))).toBeObservable('---a--b-c', values);
        // Joins at 4, between the two original pages: the rebuilt first page (no lastPage) at once.
        m.expect(vega.orders({ marketIds: [MARKET_A] }).pipe(map(describeOrders)), '4ms ^').toBeObservable('4ms a-b-c', values);
        m.flush();
        expect(sockets).to.have.length(1);
      }),
    );

    it(
      'resubscribing within the teardown delay get the rebuilt snapshot of the kept socket',
      marbles((m) => {
        const { vega, sockets } = setup(m.scheduler, { openAfter: 1, frames: [[3, snapshotFrame([order(1), order(2)], true)]] }, { teardownDelayMs: 10 });
        const values = { a: 'S o1..o2!' };
        m.expect(vega.orders().pipe(map(describeOrders)), '^ 4ms !').toBeObservable('---a', values);
        m.expect(vega.orders().pipe(map(describeOrders)), '8ms ^').toBeObservable('8ms a', values);
        m.flush();
        expect(sockets).to.have.length(1);
      }),
    );

    it(
      'joining an empty complete snapshot get one empty last page',
      marbles((m) => {
        const { vega } = setup(m.scheduler, { openAfter: 1, frames: [[3, snapshotFrame([], true)]] });
        m.expect(vega.orders().pipe(map(describeOrders))).toBeObservable('---a', { a: 'S -!' });
        m.expect(vega.orders().pipe(map(describeOrders)), '5ms ^').toBeObservable('5ms a', { a: 'S -!' });
      }),
    );

    it(
      'resubscribing at once after an error get the fresh snapshot of the new socket only, never a stale one',
      marbles((m) => {
        const { vega, sockets } = setup(m.scheduler, {
          openAfter: 1,
          frames: [[3, snapshotFrame([order(1)], true)], [9, snapshotFrame([order(9)], true)]],
          failAfter: 5,
        });
        const values = { a: 'S o1..o1!', b: 'S o9..o9!', e: 'connection' };
        m.expect(outcome(vega.orders().pipe(map(describeOrders)))).toBeObservable('---a-(e|)', values);
        m.expect(outcome(vega.orders().pipe(retry(1), map(describeOrders)))).toBeObservable('---a-----b(e|)', values);
        m.flush();
        expect(sockets).to.have.length(2);
      }),
    );
  });

  it(
    'replays the latest candle to a late subscriber',
    marbles((m) => {
      const candle = (close: string): string => JSON.stringify({ result: { candle: { start: '1', lastUpdate: '2', close } } });
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1, frames: [[3, candle('10')], [4, candle('11')], [8, candle('12')]] });
      const closes = (): Observable<string> => vega.candleData({ candleId: CANDLE }).pipe(map((r) => r.candle?.close ?? '-'));
      m.expect(closes()).toBeObservable('---ab---c', { a: '10', b: '11', c: '12' });
      m.expect(closes(), '6ms ^').toBeObservable('6ms b-c', { b: '11', c: '12' });
      m.flush();
      expect(sockets).to.have.length(1);
    }),
  );

  it(
    'does not share the event bus, rawStream or latestMarketDepth: each subscription has its own socket',
    marbles((m) => {
      const { vega, sockets } = setup(m.scheduler, { openAfter: 1 });
      m.expect(vega.eventBus()).toBeObservable('-');
      m.expect(vega.eventBus()).toBeObservable('-');
      m.expect(vega.rawStream(ordersRoute, {})).toBeObservable('-');
      m.expect(vega.rawStream(ordersRoute, {})).toBeObservable('-');
      m.flush();
      expect(sockets.map((s) => s.url.replace(NODE, ''))).to.deep.equal([
        '/api/v2/stream/event/bus',
        '/api/v2/stream/event/bus',
        '/api/v2/stream/orders',
        '/api/v2/stream/orders',
      ]);
    }),
  );

  it(
    'refuses bad filters on subscribe with the same BadRequestError, opening nothing',
    marbles((m) => {
      const { vega, inner, sockets } = setup(m.scheduler, { openAfter: 0 });
      m.expect(outcome(vega.votes({}))).toBeObservable('(e|)', { e: 'bad-request' });
      m.expect(outcome(vega.orders({ marketIds: [] }))).toBeObservable('(e|)', { e: 'bad-request' });
      const messages: string[] = [];
      for (const source$ of [vega.trades({ marketIds: ['nope'] }), inner.trades({ marketIds: ['nope'] })]) {
        source$.subscribe({ error: (error: unknown) => messages.push(String(error)) });
      }
      m.flush();
      expect(messages).to.have.length(2);
      expect(messages[0]).to.equal(messages[1]);
      expect(sockets).to.have.length(0);
    }),
  );

  it('refuses a negative or non-finite teardown delay with a RangeError', () => {
    const inner = createClient({ nodes: [NODE] });
    expect(() => shareStreams(inner, { teardownDelayMs: -1 })).to.throw(RangeError);
    expect(() => shareStreams(inner, { teardownDelayMs: Number.NaN })).to.throw(RangeError);
  });
});

describe('shareStreams over real sockets (loopback server)', () => {
  let server: LoopbackServer;

  afterEach(async () => server.stop());

  it('serves two identical subscriptions from one connection and closes it once both leave', async () => {
    server = await LoopbackServer.start({
      onConnection: (socket) => setTimeout(() => socket.send(tradesFrame('t1')), 20),
    });
    const vega = shareStreams(createClient({ nodes: [server.url], pingIntervalMs: 0 }));
    const seen: string[] = [];
    const a = vega.trades({ marketIds: [MARKET_A] }).subscribe((r) => seen.push(`a:${r.trades[0]?.id}`));
    const b = vega.trades({ marketIds: [MARKET_A] }).subscribe((r) => seen.push(`b:${r.trades[0]?.id}`));
    await until(() => seen.length === 2, 'both subscribers to get the frame');
    expect(seen).to.deep.equal(['a:t1', 'b:t1']);
    expect(server.accepted).to.equal(1);
    a.unsubscribe();
    expect(server.closes).to.deep.equal([]);
    b.unsubscribe();
    await until(() => server.closes.length === 1, 'the connection to close');
    expect(server.closes[0]?.code).to.equal(1000);
    expect(server.accepted).to.equal(1);
  });
});
