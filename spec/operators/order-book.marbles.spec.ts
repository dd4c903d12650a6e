import { expect } from 'chai';
import { map, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import {
  DecodeError,
  MarketDepthUpdateCodec,
  PriceLevelCodec,
  SequenceGapError,
  decodeOrThrow,
  isRetryable,
  type MarketDepthUpdate,
  type PriceLevel,
} from '../../lib/index.js';
import { orderBook, type FullBook, type OrderBookState } from '../../lib/operators/index.js';

const M = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

type Levels = Record<string, number>;

/** A depth update from price -> volume maps (volume 0 removes), through the real codec. */
function update(seq: number, prev: number, buy: Levels = {}, sell: Levels = {}, marketId = M): MarketDepthUpdate {
  return decodeOrThrow(
    MarketDepthUpdateCodec,
    { marketId, sequenceNumber: String(seq), previousSequenceNumber: String(prev), buy: levels(buy), sell: levels(sell) },
    'test',
  );
}

function book(seq: number, buy: Levels, sell: Levels): FullBook {
  return { sequenceNumber: String(seq), buy: levels(buy), sell: levels(sell) };
}

function levels(side: Levels): PriceLevel[] {
  return Object.entries(side).map(([price, volume]) =>
    decodeOrThrow(PriceLevelCodec, { price, volume: String(volume), numberOfOrders: volume ? '1' : '0' }, 'test'),
  );
}

/** A book state as a short string: "seq bids | asks" with price:volume, best first. */
function show(state: OrderBookState): string {
  const side = (levels: OrderBookState['bids']) => levels.map((l) => `${l.price}:${l.volume}`).join(' ');
  return `${state.sequenceNumber} ${side(state.bids)} | ${side(state.asks)}${state.resynced ? ' R' : ''}`;
}

const shown = (states: Observable<OrderBookState>) => states.pipe(map(show));

describe('orderBook (marbles)', () => {
  it(
    'fails with a TypeError a retry cannot cure when the fullBook source completes without a book (a set-up mistake)',
    marbles((m) => {
      const updates = m.hot('-a', { a: update(20, 10) });
      let failure: unknown;
      updates.pipe(orderBook({ marketId: M, fullBook: () => m.cold('--|') })).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(TypeError);
      expect((failure as Error).message).to.contain('completed without a book');
      expect(isRetryable(failure)).to.equal(false);
    }),
  );

  it(
    'loads the full book, drops updates it already covers, then applies each chained update',
    marbles((m) => {
      const updates = m.hot('--a--b--c--', {
        a: update(10, 5, { '99': 1 }), // covered by the book (seq 10): dropped
        b: update(20, 10, { '100': 3 }, { '103': 0 }),
        c: update(30, 20, {}, { '102': 7 }),
      });
      const full = m.cold('----f|', { f: book(10, { '100': 2, '99': 1 }, { '101': 4, '103': 1 }) });
      const states = updates.pipe(orderBook({ marketId: M, fullBook: () => full }));
      m.expect(shown(states)).toBeObservable('----xy--z', {
        x: '10 100:2 99:1 | 101:4 103:1',
        y: '20 100:3 99:1 | 101:4',
        z: '30 100:3 99:1 | 101:4 102:7',
      });
      m.expect(full).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'emits best bid and ask, an exact spread and mid, and the book cut to the configured depth',
    marbles((m) => {
      const full = m.cold('f|', { f: book(1, { '9007199254740993': 1, '9007199254740992': 2, '5': 1 }, { '9007199254740995': 3, '9007199254740999': 1 }) });
      const states = m.cold('-').pipe(orderBook({ marketId: M, depth: 1, fullBook: () => full }));
      const facts = states.pipe(
        map((s) => `${s.bids.length}/${s.asks.length} ${s.bestBid?.price} ${s.bestAsk?.price} spread ${s.spread} mid ${s.mid}`),
      );
      m.expect(facts).toBeObservable('x', { x: '1/1 9007199254740993 9007199254740995 spread 2 mid 9007199254740994' });
    }),
  );

  it(
    'orders prices beyond 2^53 and fractional prices exactly',
    marbles((m) => {
      const full = m.cold('f|', {
        f: book(1, { '9007199254740993': 1, '9007199254740992': 1, '12.5': 1, '12.25': 1, '100000000000000000000': 1 }, {}),
      });
      const states = m.cold('-').pipe(orderBook({ marketId: M, fullBook: () => full }));
      m.expect(shown(states)).toBeObservable('x', {
        x: '1 100000000000000000000:1 9007199254740993:1 9007199254740992:1 12.5:1 12.25:1 | ',
      });
    }),
  );

  it(
    'applies a level removed and re-added in one update (the last one wins), and ignores other markets',
    marbles((m) => {
      const repeated: MarketDepthUpdate = { ...update(2, 1), buy: [...levels({ '100': 0 }), ...levels({ '100': 9 })] };
      const updates = m.hot('--a-b', { a: update(2, 1, { '50': 1 }, {}, OTHER), b: repeated });
      const full = m.cold('f|', { f: book(1, { '100': 2 }, {}) });
      const states = updates.pipe(orderBook({ marketId: M, fullBook: () => full }));
      m.expect(shown(states)).toBeObservable('x---y', { x: '1 100:2 | ', y: '2 100:9 | ' });
    }),
  );

  it(
    'takes depth-update frames (update[]) as the route sends them',
    marbles((m) => {
      const frames = m.hot('--a', { a: { update: [update(2, 1, {}, {}, OTHER), update(2, 1, { '7': 1 })] } });
      const full = m.cold('f|', { f: book(1, {}, {}) });
      m.expect(shown(frames.pipe(orderBook({ marketId: M, fullBook: () => full })))).toBeObservable('x-y', {
        x: '1  | ',
        y: '2 7:1 | ',
      });
    }),
  );

  it(
    'on a sequence gap reloads a fresh full book, replays the updates that waited, and says it resynced',
    marbles((m) => {
      const updates = m.hot('-a--b---c-d---e', {
        a: update(2, 1, { '100': 3 }),
        b: update(4, 3, { '100': 5 }), // previous 3 was never seen: a gap
        c: update(5, 4, { '101': 1 }), // arrives while the fresh book loads: waits
        d: update(6, 5, { '102': 1 }),
        e: update(7, 6, { '103': 1 }),
      });
      const first = m.cold('f|', { f: book(1, { '100': 1 }, {}) });
      const fresh = m.cold('-----g|', { g: book(5, { '100': 5, '101': 1 }, {}) });
      let calls = 0;
      const states = updates.pipe(orderBook({ marketId: M, fullBook: () => (calls++ === 0 ? first : fresh) }));
      const summary = states.pipe(map((s) => `${show(s)} #${s.resyncs}`));
      m.expect(summary).toBeObservable('xy-------zv---w', {
        x: '1 100:1 |  #0',
        y: '2 100:3 |  #0',
        z: '5 101:1 100:5 |  R #1',
        v: '6 102:1 101:1 100:5 |  #1',
        w: '7 103:1 102:1 101:1 100:5 |  #1',
      });
      m.expect(fresh).toHaveSubscriptions('----^----!');
    }),
  );

  it(
    'treats an update with no previous number (a restarted node) as a gap',
    marbles((m) => {
      const updates = m.hot('--a', { a: update(9, 0, { '1': 1 }) });
      let calls = 0;
      const books = [m.cold('f|', { f: book(5, {}, {}) }), m.cold('-g|', { g: book(9, { '1': 1 }, {}) })];
      const states = updates.pipe(orderBook({ marketId: M, fullBook: () => books[calls++] as Observable<FullBook> }));
      m.expect(shown(states)).toBeObservable('x--y', { x: '5  | ', y: '9 1:1 |  R' });
    }),
  );

  it(
    'passes errors of the updates and of the full book through, and cancels a load on unsubscribe',
    marbles((m) => {
      const dropped = new Error('socket dropped');
      const updates = m.hot('---#', undefined, dropped);
      const slow = m.cold('------f|', { f: book(1, {}, {}) });
      m.expect(shown(updates.pipe(orderBook({ marketId: M, fullBook: () => slow })))).toBeObservable('---#', undefined, dropped);
      m.expect(slow).toHaveSubscriptions('^--!');

      const failing = m.cold('--#', undefined, new Error('REST failed'));
      m.expect(shown(m.hot('-').pipe(orderBook({ marketId: M, fullBook: () => failing })))).toBeObservable('--#', undefined, new Error('REST failed'));
    }),
  );

  it(
    'fails with advice when the full book never comes while updates pile up',
    marbles((m) => {
      const updates = m.hot('abc', { a: update(2, 1), b: update(3, 2), c: update(4, 3) });
      const never = m.cold('-');
      const states = updates.pipe(orderBook({ marketId: M, maxBuffered: 2, fullBook: () => never }));
      let message = '';
      states.subscribe({ error: (e: Error) => (message = e.message) });
      m.flush();
      expect(message).to.match(/2 depth updates arrived while the full book was loading.*raise maxBuffered/);
      expect(message).to.match(/Subscribe again after a delay/);
    }),
  );

  it(
    'fails with a DecodeError on a price that is not a decimal, before the book changes',
    marbles((m) => {
      const bad: MarketDepthUpdate = { ...update(2, 1, { '100': 7 }), sell: [{ ...levels({ x: 1 })[0]!, price: '1e5' }] };
      const updates = m.hot('--a', { a: bad });
      const full = m.cold('f|', { f: book(1, { '100': 2 }, {}) });
      const seen: string[] = [];
      let failure: unknown;
      updates.pipe(orderBook({ marketId: M, fullBook: () => full })).subscribe({ next: (s) => seen.push(show(s)), error: (e: unknown) => (failure = e) });
      m.flush();
      expect(seen).to.deep.equal(['1 100:2 | ']);
      expect(failure).to.be.instanceOf(DecodeError);
      expect((failure as DecodeError).path).to.equal('sell[0].price');
      expect(updates.subscriptions[0]?.unsubscribedFrame).to.equal(2);
    }),
  );

  it(
    'fails the stream, and releases the updates, when the fullBook factory throws',
    marbles((m) => {
      const updates = m.hot('--a');
      let failure: unknown;
      updates
        .pipe(orderBook({ marketId: M, fullBook: () => { throw new Error('no REST here'); } }))
        .subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect((failure as Error).message).to.equal('no REST here');
      expect(updates.subscriptions[0]?.unsubscribedFrame).to.equal(0);
    }),
  );

  it(
    'gives up with a retryable SequenceGapError when fresh books keep failing to chain',
    marbles((m) => {
      const updates = m.hot('--a', { a: update(9, 8, { '1': 1 }) });
      const stale = m.cold('f|', { f: book(5, {}, {}) }); // always behind the updates
      let failure: unknown;
      updates.pipe(orderBook({ marketId: M, maxReloadsInARow: 3, fullBook: () => stale })).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(SequenceGapError);
      expect(isRetryable(failure)).to.equal(true);
      expect((failure as Error).message).to.match(/4 full books in a row did not chain/);
    }),
  );

  it('refuses a bad depth', () => {
    expect(() => orderBook({ marketId: M, depth: 0, fullBook: () => m0() })).to.throw(RangeError, /depth must be a positive integer/);
  });
});

function m0(): Observable<FullBook> {
  throw new Error('not called');
}
