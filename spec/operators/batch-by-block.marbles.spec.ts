import { expect } from 'chai';
import { map, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import {
  ObserveAccountsResponseCodec,
  ObserveEventBusResponseCodec,
  ObserveLedgerMovementsResponseCodec,
  ObserveMarginLevelsResponseCodec,
  ObserveOrdersResponseCodec,
  ObserveTradesResponseCodec,
  decodeOrThrow,
  type ObserveAccountsResponse,
  type ObserveTradesResponse,
} from '../../lib/index.js';
import { batchByBlock, type Block } from '../../lib/operators/batch-by-block.js';
import { blockTimeOf, compareBlockTimes } from '../../lib/operators/block-time.js';
import { tracked } from '../support/tracked-scheduler.js';

/** A trades frame: trade ids, all at one block time ('0': no time, as the wire omits it). */
const trades = (time: string, ...ids: string[]): ObserveTradesResponse =>
  decodeOrThrow(ObserveTradesResponseCodec, { trades: ids.map((id) => ({ id, timestamp: time })) }, 'test');
/** An accounts update frame: balances carry no time. */
const accounts = (...balances: string[]): ObserveAccountsResponse =>
  decodeOrThrow(ObserveAccountsResponseCodec, { updates: { accounts: balances.map((balance) => ({ balance })) } }, 'test');

/** A block as "time:frame|frame", each trades frame as its ids ('-' for no time, '()' for an empty frame). */
function showTrades(block: Block<ObserveTradesResponse>): string {
  return `${block.time ?? '-'}:${block.values.map((frame) => frame.trades.map((t) => t.id).join('') || '()').join('|')}`;
}
const shown = (blocks: Observable<Block<ObserveTradesResponse>>) => blocks.pipe(map(showTrades));

const T1 = '1678443430503594018';
const T2 = '1678443430503594019'; // Number(T1) === Number(T2): only exact string comparison tells them apart

describe('batchByBlock (marbles)', () => {
  it(
    'gathers a block spanning several frames and closes it when the next block starts',
    marbles((m) => {
      const source = m.cold('a-b-c-d---', { a: trades(T1, 't1', 't2'), b: trades(T1, 't3'), c: trades(T1, 't4'), d: trades(T2, 't5') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 0, scheduler: m.scheduler }));
      m.expect(shown(blocks)).toBeObservable('------x---', { x: `${T1}:t1t2|t3|t4` });
    }),
  );

  it(
    'closes a block after the quiet period, restarted by each frame (virtual time)',
    marbles((m) => {
      const source = m.cold('a-b 17ms c', { a: trades(T1, 't1'), b: trades(T1, 't2'), c: trades(T2, 't3') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 5, scheduler: m.scheduler }));
      // b at 2 restarts the timer: T1 closes at 7; c at 20 closes at 25.
      m.expect(shown(blocks)).toBeObservable('7ms x 17ms y', { x: `${T1}:t1|t2`, y: `${T2}:t3` });
    }),
  );

  it(
    'times the quiet period of a block opened by a new block time from its own first frame',
    marbles((m) => {
      const source = m.cold('a--b 10ms c-d', { a: trades(T1, 't1'), b: trades(T2, 't2'), c: trades(T1, 't3'), d: trades(T1, 't4') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 5, scheduler: m.scheduler }));
      // b at 3 closes T1 and opens T2, which closes at 8, not at 5 (a's quiet period);
      // c at 14 opens T1 again, d at 16 joins it: closed at 21.
      m.expect(shown(blocks)).toBeObservable('---x----y 12ms z', { x: `${T1}:t1`, y: `${T2}:t2`, z: `${T1}:t3|t4` });
      m.scheduler.schedule(() => expect(m.scheduler.actions, 'no quiet check left once every block closed').to.have.length(0), 30);
    }),
  );

  it(
    'lets a frame without a time join the open block, and gives an untimed block the time of its first timed frame',
    marbles((m) => {
      const source = m.cold('a-b-c-d|', { a: trades('0'), b: trades(T1, 't1'), c: trades('0'), d: trades(T2, 't2') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 0, scheduler: m.scheduler }));
      m.expect(shown(blocks)).toBeObservable('------x(y|)', { x: `${T1}:()|t1|()`, y: `${T2}:t2` });
    }),
  );

  it(
    'closes untimed (accounts-like) blocks by the quiet period only',
    marbles((m) => {
      // a, b, c at 0, 2, 4 close at 9; d, e at 20, 22 close at 27.
      const source = m.cold('a-b-c 15ms d-e', { a: accounts('1'), b: accounts('2', '3'), c: accounts('4'), d: accounts('5'), e: accounts('6') });
      const blocks = source.pipe(
        batchByBlock({ blockTime: () => undefined, quietMs: 5, scheduler: m.scheduler }),
        map((block) => `${block.time ?? '-'}:${block.values.map((frame) => frame.updates?.accounts.map((a) => a.balance).join('')).join('|')}`),
      );
      m.expect(blocks).toBeObservable('9ms x 17ms y', { x: '-:1|23|4', y: '-:5|6' });
    }),
  );

  it(
    'flushes the open block when the source completes, before completing',
    marbles((m) => {
      const source = m.cold('a-b-c|', { a: trades(T1, 't1'), b: trades(T2, 't2'), c: trades(T2, 't3') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 250, scheduler: m.scheduler }));
      m.expect(shown(blocks)).toBeObservable('--x--(y|)', { x: `${T1}:t1`, y: `${T2}:t2|t3` });
    }),
  );

  it(
    'does not emit the partial block on a source error: the error passes alone, no timer left',
    marbles((m) => {
      const clock = tracked(m.scheduler);
      const source = m.cold('a-b-c-#', { a: trades(T1, 't1'), b: trades(T2, 't2'), c: trades(T2, 't3') }, new Error('lost'));
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 5, scheduler: clock.scheduler }));
      let queuedAfterError = -1;
      m.scheduler.schedule(() => (queuedAfterError = clock.queued()), 7); // c's quiet timer would fire at 9
      m.expect(shown(blocks)).toBeObservable('--x---#', { x: `${T1}:t1` }, new Error('lost'));
      m.flush();
      expect(queuedAfterError).to.equal(0);
    }),
  );

  it(
    'leaves no scheduled action after an unsubscribe, with a block open',
    marbles((m) => {
      const clock = tracked(m.scheduler);
      const source = m.hot('-a-b-------', { a: trades(T1, 't1'), b: trades(T1, 't2') });
      const blocks = source.pipe(batchByBlock({ blockTime: blockTimeOf.trades, quietMs: 5, scheduler: clock.scheduler }));
      let queuedBefore = -1;
      let queuedAfter = -1;
      m.scheduler.schedule(() => (queuedBefore = clock.queued()), 4);
      m.scheduler.schedule(() => (queuedAfter = clock.queued()), 6); // b's quiet timer would fire at 8
      m.expect(shown(blocks), '^----!').toBeObservable('------');
      m.expect(source).toHaveSubscriptions('^----!');
      m.flush();
      expect(queuedBefore).to.equal(1);
      expect(queuedAfter).to.equal(0);
    }),
  );

  it(
    'passes an exception of blockTime on as the error, without a block',
    marbles((m) => {
      const source = m.cold('a-b', { a: trades(T1, 't1'), b: trades(T2, 't2') });
      const fail = new Error('bad frame');
      const blocks = source.pipe(
        batchByBlock<ObserveTradesResponse>({
          blockTime: (frame) => {
            if (frame.trades[0]?.id === 't2') throw fail;
            return blockTimeOf.trades(frame);
          },
          quietMs: 0,
          scheduler: m.scheduler,
        }),
      );
      m.expect(shown(blocks)).toBeObservable('--#', undefined, fail);
    }),
  );

  it('refuses a negative quietMs, and one longer than a timer can wait', () => {
    expect(() => batchByBlock({ blockTime: () => undefined, quietMs: -1 })).to.throw(RangeError);
    expect(() => batchByBlock({ blockTime: () => undefined, quietMs: 2 ** 31 })).to.throw(RangeError, /from 0 to 2147483647/);
    expect(() => batchByBlock({ blockTime: () => undefined, quietMs: 2 ** 31 - 1 })).not.to.throw();
  });
});

describe('blockTimeOf and compareBlockTimes', () => {
  it('reads the block time of a frame, undefined without items or time', () => {
    expect(blockTimeOf.trades(trades(T1, 't1'))).to.equal(T1);
    expect(blockTimeOf.trades(trades('0', 't1'))).to.equal(undefined);
    expect(blockTimeOf.trades(trades('0'))).to.equal(undefined);

    const orders = (value: unknown) => decodeOrThrow(ObserveOrdersResponseCodec, value, 'test');
    expect(blockTimeOf.orders(orders({ snapshot: { orders: [{ id: 'o', updatedAt: T1 }], lastPage: true } }))).to.equal(undefined);
    expect(blockTimeOf.orders(orders({ updates: { orders: [{ id: 'o', updatedAt: T2, createdAt: T1 }] } }))).to.equal(T2);
    expect(blockTimeOf.orders(orders({ updates: { orders: [{ id: 'o', createdAt: T1 }] } }))).to.equal(T1);

    const ledger = decodeOrThrow(ObserveLedgerMovementsResponseCodec, { ledgerMovement: { entries: [{ amount: '1', timestamp: T1 }] } }, 'test');
    expect(blockTimeOf.ledgerMovements(ledger)).to.equal(T1);
    const margins = decodeOrThrow(ObserveMarginLevelsResponseCodec, { marginLevels: { timestamp: T2 } }, 'test');
    expect(blockTimeOf.marginLevels(margins)).to.equal(T2);
    expect(blockTimeOf.marginLevels(decodeOrThrow(ObserveMarginLevelsResponseCodec, {}, 'test'))).to.equal(undefined);

    const bus = (value: unknown) => decodeOrThrow(ObserveEventBusResponseCodec, value, 'test');
    const begin = { id: '7-1', type: 49, beginBlock: { height: '7', timestamp: T2 } };
    const trade = { id: '7-2', type: 10, trade: { id: 't', timestamp: T2 } };
    expect(blockTimeOf.eventBus(bus({ events: [begin, trade] }))).to.equal(T2);
    expect(blockTimeOf.eventBus(bus({ events: [trade] }))).to.equal(undefined);
  });

  it('orders int64 decimal strings exactly, beyond 2^53', () => {
    expect(compareBlockTimes(T1, T2)).to.be.lessThan(0);
    expect(compareBlockTimes(T2, T1)).to.be.greaterThan(0);
    expect(compareBlockTimes(T1, T1)).to.equal(0);
    expect(compareBlockTimes('999', '1000')).to.be.lessThan(0);
    expect(compareBlockTimes('-10', '-9')).to.be.lessThan(0);
    expect(compareBlockTimes('-1', '0')).to.be.lessThan(0);
  });
});
