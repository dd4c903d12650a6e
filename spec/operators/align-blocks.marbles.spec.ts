import { expect } from 'chai';
import { map, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { alignBlocks, type AlignedBlock } from '../../lib/operators/align-blocks.js';
import type { Block } from '../../lib/operators/batch-by-block.js';
import { tracked } from '../support/tracked-scheduler.js';

/** A block of string values. */
const block = (time: string | undefined, ...values: string[]): Block<string> => ({ time, values });

/** An aligned block as "time[!] key=v1v2|v3 key=…" (keys sorted, `!` when late, `-` for no time). */
function show(aligned: AlignedBlock<string>): string {
  const parts = Object.entries(aligned.parts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, blocks]) => `${key}=${(blocks ?? []).map((b) => b.values.join('')).join('|')}`);
  return [`${aligned.time ?? '-'}${aligned.late ? '!' : ''}`, ...parts].join(' ');
}
const shown = (aligned: Observable<AlignedBlock<string>>) => aligned.pipe(map(show));

// Real-looking block times; Number() cannot tell T1 from T2, nor T3 from T4.
const T1 = '1678443430503594018';
const T2 = '1678443430503594019';
const T3 = '1678443431503594018';
const T4 = '1678443431503594019';

describe('alignBlocks (marbles)', () => {
  it(
    'emits each time once every source is past it or completed, with the sources that had data for it',
    marbles((m) => {
      const trades = m.cold('a-----b--|', { a: block(T1, 't1'), b: block(T3, 't3') });
      const data = m.cold('-a-b---c--|', { a: block(T1, 'd1'), b: block(T2, 'd2'), c: block(T3, 'd3') });
      const ledger = m.cold('----a------|', { a: block(T2, 'l2') });
      const aligned = alignBlocks({ trades, data, ledger }, { quietMs: 0, scheduler: m.scheduler });
      // T1 waits for trades to move past it (6). T2 waits for the ledger, which never moves past
      // it: it goes when the ledger completes (11), then T3, then the output completes.
      m.expect(shown(aligned)).toBeObservable('------x----(yz|)', {
        x: `${T1} data=d1 trades=t1`,
        y: `${T2} data=d2 ledger=l2`,
        z: `${T3} data=d3 trades=t3`,
      });
    }),
  );

  it(
    'closes a time quietMs after its last piece when a stream lags, and flags the lagging piece late',
    marbles((m) => {
      const trades = m.cold('a 19ms b-c|', { a: block(T1, 't1'), b: block(T2, 't2'), c: block(T3, 't3') });
      const data = m.cold('a-b 19ms c|', { a: block(T1, 'd1'), b: block(T2, 'd2'), c: block(T3, 'd3') });
      const aligned = alignBlocks({ trades, data }, { quietMs: 5, scheduler: m.scheduler });
      // Trades stall after T1: T1 closes at 5, T2 at 7 (quiet periods). The trades of T2 come at 20:
      // late, alone, at once. T3 gets both pieces at 22 and goes when both complete (23).
      m.expect(shown(aligned)).toBeObservable('5ms x-y 12ms z--(w|)', {
        x: `${T1} data=d1 trades=t1`,
        y: `${T2} data=d2`,
        z: `${T2}! trades=t2`,
        w: `${T3} data=d3 trades=t3`,
      });
    }),
  );

  it(
    'restarts the quiet period of a time on each of its pieces, and keeps one source\'s blocks of a time together',
    marbles((m) => {
      const trades = m.cold('a---b------', { a: block(T1, 't1'), b: block(T1, 't2') });
      const data = m.cold('--a--------', { a: block(T1, 'd1') });
      const aligned = alignBlocks({ trades, data }, { quietMs: 5, scheduler: m.scheduler });
      m.expect(shown(aligned)).toBeObservable('9ms x', { x: `${T1} data=d1 trades=t1|t2` });
    }),
  );

  it(
    'emits in increasing time order, even when a later time closes first',
    marbles((m) => {
      // T4 arrives first and its quiet period ends first (5); T3, which came later (2), goes with it, before it.
      const trades = m.cold('a----------', { a: block(T4, 't4') });
      const data = m.cold('--a--------', { a: block(T3, 'd3') });
      const ledger = m.cold('---a-------', { a: block('999', 'l0') }); // shorter: earlier, whatever the characters
      const aligned = alignBlocks({ trades, data, ledger }, { quietMs: 5, scheduler: m.scheduler });
      // 999 < T3 and T4: it closes with T4 at 5 too, first; the other times follow in order.
      m.expect(shown(aligned)).toBeObservable('5ms (xyz)', {
        x: '999 ledger=l0',
        y: `${T3} data=d3`,
        z: `${T4} trades=t4`,
      });
    }),
  );

  it(
    'passes untimed blocks through at once, on their own',
    marbles((m) => {
      const trades = m.cold('a-------|', { a: block(T1, 't1') });
      const accounts = m.cold('--a-----|', { a: block(undefined, 'b1', 'b2') });
      const aligned = alignBlocks({ trades, accounts }, { quietMs: 5, scheduler: m.scheduler });
      m.expect(shown(aligned)).toBeObservable('--a--x--|', { a: '- accounts=b1b2', x: `${T1} trades=t1` });
    }),
  );

  it(
    'errors when a source errors, dropping what is pending and unsubscribing the others',
    marbles((m) => {
      const clock = tracked(m.scheduler);
      const trades = m.hot('-a-b--#', { a: block(T1, 't1'), b: block(T2, 't2') }, new Error('lost'));
      const data = m.hot('-a------', { a: block(T1, 'd1') });
      const aligned = alignBlocks({ trades, data }, { quietMs: 10, scheduler: clock.scheduler });
      let queuedAfterError = -1;
      m.scheduler.schedule(() => (queuedAfterError = clock.queued()), 7);
      // T1 waits for data to move past it, and is dropped with the error at 6.
      m.expect(shown(aligned)).toBeObservable('------#', undefined, new Error('lost'));
      m.expect(data).toHaveSubscriptions('^-----!');
      m.flush();
      expect(queuedAfterError).to.equal(0);
    }),
  );

  it(
    'leaves no scheduled action after an unsubscribe',
    marbles((m) => {
      const clock = tracked(m.scheduler);
      const trades = m.hot('-a-b------', { a: block(T1, 't1'), b: block(T2, 't2') });
      const data = m.hot('--a-------', { a: block(T1, 'd1') });
      const aligned = alignBlocks({ trades, data }, { quietMs: 5, scheduler: clock.scheduler });
      let queuedBefore = -1;
      let queuedAfter = -1;
      m.scheduler.schedule(() => (queuedBefore = clock.queued()), 4);
      m.scheduler.schedule(() => (queuedAfter = clock.queued()), 6); // the timers would fire at 7 and 8
      m.expect(shown(aligned), '^----!').toBeObservable('------');
      m.expect(trades).toHaveSubscriptions('^----!');
      m.expect(data).toHaveSubscriptions('^----!');
      m.flush();
      expect(queuedBefore).to.equal(2);
      expect(queuedAfter).to.equal(0);
    }),
  );

  it(
    'completes at once without sources',
    marbles((m) => {
      m.expect(alignBlocks({}, { scheduler: m.scheduler })).toBeObservable('|');
    }),
  );

  it(
    'types each part with the value type of its source',
    marbles((m) => {
      const trades = m.cold<Block<string>>('a|', { a: block(T1, 't1') });
      const sizes = m.cold<Block<number>>('a|', { a: { time: T1, values: [42] } });
      const aligned = alignBlocks({ trades, sizes }, { scheduler: m.scheduler }).pipe(
        map((a) => {
          const first: string | undefined = a.parts.trades?.[0]?.values[0];
          const size: number | undefined = a.parts.sizes?.[0]?.values[0];
          return `${first}:${size}`;
        }),
      );
      m.expect(aligned).toBeObservable('-(x|)', { x: 't1:42' });
    }),
  );
});
