import { expect } from 'chai';
import { defer, map, take, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import {
  ConnectionError,
  ObserveAccountsResponseCodec,
  ObserveOrdersResponseCodec,
  OrderStatus,
  decodeOrThrow,
  type ObserveAccountsResponse,
  type ObserveOrdersResponse,
} from '../../lib/index.js';
import { ORDERS, accumulateAccounts, accumulateOrders, accumulateSnapshot, type SnapshotState } from '../../lib/operators/index.js';

const ACTIVE = OrderStatus.STATUS_ACTIVE;
const FILLED = OrderStatus.STATUS_FILLED;
const CANCELLED = OrderStatus.STATUS_CANCELLED;

/** An order as the wire would carry it: id, remaining size, status, block time. */
function order(id: string, remaining: number, status = ACTIVE, time = 0) {
  return { id, remaining: String(remaining), status, updatedAt: String(time) };
}
const orders = (value: unknown): ObserveOrdersResponse => decodeOrThrow(ObserveOrdersResponseCodec, value, 'test');
const page = (items: object[], lastPage = false) => orders({ snapshot: { orders: items, lastPage } });
const updates = (...items: object[]) => orders({ updates: { orders: items } });

/** A state as "id:remaining ..." sorted by id, then what changed. */
function show(state: SnapshotState<{ id: string; remaining: string }>): string {
  const items = [...state.items.values()].map((o) => `${o.id}:${o.remaining}`).sort().join(' ');
  const up = state.changes.upserted.map((o) => o.id).sort().join(',');
  const gone = state.changes.removed.map((o) => o.id).sort().join(',');
  const flags = `${state.snapshot ? ' S' : ''}${state.resync ? ' R' : ''}`;
  return `${items} +${up} -${gone}${flags}`;
}

const shown = (states: Observable<SnapshotState<{ id: string; remaining: string }>>) => states.pipe(map(show));

describe('accumulateSnapshot (marbles)', () => {
  it(
    'emits nothing until the last snapshot page, then the whole snapshot at once',
    marbles((m) => {
      const source = m.cold('a-b-c', {
        a: page([order('o1', 1), order('o2', 2)]),
        b: page([order('o3', 3)]),
        c: page([order('o4', 4)], true),
      });
      m.expect(shown(source.pipe(accumulateOrders({ scheduler: m.scheduler })))).toBeObservable('----x', {
        x: 'o1:1 o2:2 o3:3 o4:4 +o1,o2,o3,o4 - S',
      });
    }),
  );

  it(
    'emits an empty snapshot too',
    marbles((m) => {
      const source = m.cold('a', { a: orders({ snapshot: { lastPage: true } }) });
      m.expect(shown(source.pipe(accumulateOrders({ scheduler: m.scheduler })))).toBeObservable('x', { x: ' + - S' });
    }),
  );

  it(
    'emits once per block: frames of one block time are merged, and the next block closes it',
    marbles((m) => {
      const source = m.cold('a-b-c-d', {
        a: page([order('o1', 5)], true),
        b: updates(order('o1', 4, ACTIVE, 100), order('o2', 1, ACTIVE, 100)),
        c: updates(order('o3', 7, ACTIVE, 100)),
        d: updates(order('o2', 0, FILLED, 200)),
      });
      m.expect(shown(source.pipe(accumulateOrders({ quietMs: 0, scheduler: m.scheduler })))).toBeObservable('x-----y', {
        x: 'o1:5 +o1 - S',
        y: 'o1:4 o2:1 o3:7 +o1,o2,o3 -',
      });
    }),
  );

  it(
    'closes a block after the quiet period, and removes orders that stop being live',
    marbles((m) => {
      const source = m.cold('a-b 9ms c', {
        a: page([order('o1', 5), order('o2', 3)], true),
        b: updates(order('o1', 0, FILLED, 100), order('o2', 3, CANCELLED, 100), order('o9', 0, CANCELLED, 100)),
        c: updates(order('o3', 1, ACTIVE, 200)),
      });
      const states = source.pipe(accumulateOrders({ quietMs: 5, scheduler: m.scheduler }));
      m.expect(shown(states)).toBeObservable('x 6ms y 9ms z', {
        x: 'o1:5 o2:3 +o1,o2 - S',
        y: ' + -o1,o2',
        z: 'o3:1 +o3 -',
      });
    }),
  );

  it(
    'never mutates a state it already emitted',
    marbles((m) => {
      const source = m.cold('a-b', { a: page([order('o1', 5)], true), b: updates(order('o1', 0, FILLED, 1)) });
      const seen: SnapshotState<{ id: string }>[] = [];
      source.pipe(accumulateOrders({ quietMs: 1, scheduler: m.scheduler })).subscribe((s) => seen.push(s));
      m.flush();
      expect(seen.map((s) => s.items.size)).to.deep.equal([1, 0]);
    }),
  );

  it(
    'with retry, rebuilds the state from the next connection snapshot and says it resynced',
    marbles((m) => {
      const drop = new ConnectionError('ws://node/api/v2/stream/orders', 1006, '', 'open');
      const first = m.cold('a-b-#', { a: page([order('o1', 5), order('o2', 2)], true), b: updates(order('o1', 4, ACTIVE, 100)) }, drop);
      const second = m.cold('c-d', {
        c: page([order('o1', 3), order('o3', 1)], true), // o2 went away while we were offline
        d: updates(order('o3', 0, FILLED, 300)),
      });
      const connections = [first, second];
      let connection = 0;
      const orders$ = defer(() => connections[connection++] as Observable<ObserveOrdersResponse>);
      const states = orders$.pipe(accumulateOrders({ quietMs: 1, scheduler: m.scheduler, retry: { initialMs: 2, jitter: 'none', scheduler: m.scheduler } }));
      m.expect(shown(states)).toBeObservable('x--y--z--w', {
        x: 'o1:5 o2:2 +o1,o2 - S',
        y: 'o1:4 o2:2 +o1 -',
        z: 'o1:3 o3:1 +o1,o3 -o2 S R',
        w: 'o1:3 + -o3',
      });
    }),
  );
});


describe('accumulateSnapshot across reconnects (marbles)', () => {
  it(
    'with retry, throws away a snapshot cut short by a drop and keeps only the next connection one',
    marbles((m) => {
      const drop = new ConnectionError('ws://node/api/v2/stream/orders', 1006, '', 'open');
      const connections = [
        m.cold('a-#', { a: page([order('o1', 1), order('o2', 2)]) }, drop),
        m.cold('c', { c: page([order('o3', 3)], true) }),
      ];
      let connection = 0;
      const orders$ = defer(() => connections[connection++] as Observable<ObserveOrdersResponse>);
      const states = orders$.pipe(accumulateOrders({ scheduler: m.scheduler, retry: { initialMs: 1, jitter: 'none', scheduler: m.scheduler } }));
      m.expect(shown(states)).toBeObservable('---x', { x: 'o3:3 +o3 - S' });
    }),
  );

  it(
    'without retry, a later snapshot on the stream still replaces the state atomically',
    marbles((m) => {
      const source = m.cold('a-b-c', {
        a: page([order('o1', 1)], true),
        b: updates(order('o2', 2, ACTIVE, 5)), // an unfinished block, superseded by the snapshot
        c: page([order('o1', 1), order('o4', 4)], true),
      });
      m.expect(shown(source.pipe(accumulateOrders({ quietMs: 10, scheduler: m.scheduler })))).toBeObservable('x---y', {
        x: 'o1:1 +o1 - S',
        y: 'o1:1 o4:4 +o4 - S R',
      });
    }),
  );

  it(
    'passes errors through without retry, and leaves no timer behind',
    marbles((m) => {
      const source = m.cold('a-b#', { a: page([], true), b: updates(order('o1', 1, ACTIVE, 5)) });
      m.expect(shown(source.pipe(accumulateOrders({ quietMs: 50, scheduler: m.scheduler })))).toBeObservable('x--#', { x: ' + - S' });
      m.flush();
      expect(m.scheduler.actions.length).to.equal(0);
    }),
  );
});

describe('accumulateSnapshot edge cases (marbles)', () => {
  it(
    'leaves no quiet timer behind when the consumer leaves on a block emission',
    marbles((m) => {
      const source = m.cold('a-b-c', { a: page([], true), b: updates(order('o1', 1, ACTIVE, 1)), c: updates(order('o2', 1, ACTIVE, 2)) });
      m.expect(shown(source.pipe(accumulateOrders({ quietMs: 50, scheduler: m.scheduler }), take(2)))).toBeObservable('x---(y|)', {
        x: ' + - S',
        y: 'o1:1 +o1 -',
      });
      m.flush();
      expect(m.scheduler.actions.length).to.equal(0);
    }),
  );

  it(
    'fails the stream when a custom SnapshotKind throws',
    marbles((m) => {
      const source = m.cold('a', { a: page([order('o1', 1)], true) });
      const broken = { ...ORDERS, key: (): string => { throw new Error('no key'); } };
      m.expect(source.pipe(accumulateSnapshot({ kind: broken, scheduler: m.scheduler }), map(() => 'x'))).toBeObservable('#', undefined, new Error('no key'));
    }),
  );
});

describe('accumulateAccounts (marbles)', () => {
  it(
    'with quietMs 0, emits one state per frame (balances carry no time)',
    marbles((m) => {
      const accounts = (value: unknown): ObserveAccountsResponse => decodeOrThrow(ObserveAccountsResponseCodec, value, 'test');
      const source = m.cold('a-b', {
        a: accounts({ snapshot: { lastPage: true } }),
        b: accounts({ updates: { accounts: [{ owner: 'p1', balance: '5', asset: 'USD', type: 4 }] } }),
      });
      m.expect(source.pipe(accumulateAccounts({ quietMs: 0, scheduler: m.scheduler }), map((s) => s.items.size))).toBeObservable('x-y', { x: 0, y: 1 });
    }),
  );

  const accounts = (value: unknown): ObserveAccountsResponse => decodeOrThrow(ObserveAccountsResponseCodec, value, 'test');
  const account = (owner: string, balance: string) => ({ owner, balance, asset: 'USD', marketId: 'm', type: 4 });

  it(
    'keys balances by owner, market, asset and type, and closes blocks by the quiet period alone',
    marbles((m) => {
      const source = m.cold('a-b-c 9ms d', {
        a: accounts({ snapshot: { accounts: [account('p1', '10')], lastPage: true } }),
        b: accounts({ updates: { accounts: [account('p1', '7')] } }),
        c: accounts({ updates: { accounts: [account('p2', '3')] } }),
        d: accounts({ updates: { accounts: [account('p1', '0')] } }),
      });
      const states = source.pipe(accumulateAccounts({ quietMs: 5, scheduler: m.scheduler }));
      const summary = states.pipe(map((s) => [...s.items.entries()].map(([k, v]) => `${k}=${v.balance}`).join(' ')));
      m.expect(summary).toBeObservable('x 8ms y 9ms z', {
        x: 'p1/m/USD/4=10',
        y: 'p1/m/USD/4=7 p2/m/USD/4=3',
        z: 'p1/m/USD/4=0 p2/m/USD/4=3',
      });
    }),
  );
});
