import { expect } from 'chai';
import { map } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { BadRequestError } from '../../lib/index.js';
import { marketBook, type OrderBookState, type RetryStatus } from '../../lib/operators/index.js';
import {
  DEFAULT_MARKET_ID as M,
  depth,
  depthFrame,
  depthUpdate,
  depthUpdatesFrame,
  dropped,
  fakeDataNode,
  priceLevel,
} from '../../lib/testing/index.js';

/** A depth update frame: sequence, previous, and bids as price -> volume. */
const up = (seq: number, prev: number, bids: Record<string, number>) =>
  depthUpdatesFrame(depthUpdate({ sequenceNumber: String(seq), previousSequenceNumber: String(prev), buy: Object.entries(bids).map(([p, v]) => priceLevel(p, v)) }));
/** A full book (REST latest depth, or a depth-route entry) with bids as price -> volume. */
const full = (seq: number, bids: Record<string, number>) =>
  depth({ sequenceNumber: String(seq), buy: Object.entries(bids).map(([p, v]) => priceLevel(p, v)) });

const show = (s: OrderBookState) => `${s.sequenceNumber} ${s.bids.map((l) => `${l.price}:${l.volume}`).join(' ')}${s.resynced ? ' R' : ''}`;

describe('marketBook (marbles over the fake data node)', () => {
  it(
    'loads the REST book, follows the updates, and resyncs from a fresh REST book on a gap',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          marketsDepthUpdates: m.cold('-a--b-c', { a: up(2, 1, { '10': 2 }), b: up(5, 4, { '10': 5 }), c: up(6, 5, { '11': 1 }) }),
          latestMarketDepth: [m.cold('a|', { a: { result: { ...full(1, { '10': 1 }) } } }), m.cold('-b|', { b: { result: { ...full(5, { '10': 5 }) } } })],
        },
      });
      const books = marketBook(node.client, M, { retry: false }).pipe(map(show));
      m.expect(books).toBeObservable('ab---cd', { a: '1 10:1', b: '2 10:2', c: '5 10:5 R', d: '6 11:1 10:5' });
      m.flush();
      expect(node.connections('latestMarketDepth').map((c) => c.subscribedFrame)).to.deep.equal([0, 4]);
    }),
  );

  it(
    'can resync from the depth route instead of REST',
    marbles((m) => {
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          marketsDepthUpdates: m.cold('-a--b', { a: up(3, 2, { '7': 1 }), b: up(4, 3, { '7': 4 }) }),
          marketsDepth: m.cold('--f', { f: depthFrame(full(3, { '7': 1 })) }),
        },
      });
      m.expect(marketBook(node.client, M, { resyncFrom: 'depth', retry: false }).pipe(map(show))).toBeObservable('--a-b', { a: '3 7:1', b: '4 7:4' });
      m.flush();
      expect(node.openConnections('marketsDepth')).to.deep.equal([]); // the depth socket is closed once it gave its book
    }),
  );

  it(
    'reconnects a dropped updates socket with backoff, keeps the book when the chain holds, and reports each attempt',
    marbles((m) => {
      const statuses: RetryStatus['type'][] = [];
      const node = fakeDataNode({
        scheduler: m.scheduler,
        routes: {
          marketsDepthUpdates: [m.cold('-a-#', { a: up(2, 1, { '10': 2 }) }, dropped), m.cold('-b', { b: up(3, 2, { '10': 3 }) })],
          latestMarketDepth: m.cold('a|', { a: { result: { ...full(1, { '10': 1 }) } } }),
        },
      });
      const books = marketBook(node.client, M, { retry: { initialMs: 4, jitter: 'none', scheduler: m.scheduler, status: (s) => statuses.push(s.type) } });
      m.expect(books.pipe(map(show))).toBeObservable('ab------c', { a: '1 10:1', b: '2 10:2', c: '3 10:3' });
      m.flush();
      expect(statuses).to.deep.equal(['retrying', 'recovered']);
      expect(node.connections('latestMarketDepth')).to.have.length(1); // no resync was needed
    }),
  );

  it(
    'refuses a malformed market id with a BadRequestError and opens nothing',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { marketsDepthUpdates: m.cold('-') } });
      let failure: unknown;
      marketBook(node.client, 'BTC', { retry: false }).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(BadRequestError);
      expect(node.connections()).to.deep.equal([]);
    }),
  );
});
