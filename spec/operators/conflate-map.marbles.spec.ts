import { expect } from 'chai';
import { Subject, catchError, finalize, of, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { conflateMap, type ConflateInfo } from '../../lib/operators/conflate-map.js';

/** Values are like "a1": the key is the letter. */
const byLetter = (value: string): string => value.charAt(0);

/** What project saw: value, key and drop counts. */
const seen = (value: string, info: ConflateInfo): string => `${value}:${info.key}:${info.dropped}/${info.totalDropped}`;

/** Values pass through; an error becomes one value naming its class, so marbles can compare it. */
function outcome<T>(source$: Observable<T>): Observable<T | string> {
  return source$.pipe(catchError((error: unknown) => of(error instanceof Error ? error.name : String(error))));
}

describe('conflateMap (rxjs-marbles)', () => {
  it(
    'fails the stream when project returns something that is not an Observable, Promise or array',
    marbles((m) => {
      const source = m.cold('ab|');
      const out = source.pipe(conflateMap({ key: () => 'k', project: () => undefined as unknown as Observable<string> }));
      let failure: unknown;
      out.subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(TypeError);
      expect(source.subscriptions[0]?.unsubscribedFrame).to.equal(0);
    }),
  );

  it(
    'keeps the latest value per key while project is busy and delivers the longest-waiting key first',
    marbles((m) => {
      const source = m.hot('-abcdef---|', { a: 'a1', b: 'b1', c: 'a2', d: 'c1', e: 'b2', f: 'a3' });
      const result = source.pipe(conflateMap({ key: byLetter, project: (v, info) => m.cold('------(x|)', { x: seen(v, info) }) }));
      // b waited first (frame 2), then a (3), then c (4): later replacements keep their places.
      m.expect(result).toBeObservable('-------x-----y-----z-----(w|)', {
        x: 'a1:a:0/0',
        y: 'b2:b:1/2',
        z: 'a3:a:1/2',
        w: 'c1:c:0/2',
      });
      m.expect(source).toHaveSubscriptions('^---------!');
    }),
  );

  it(
    'counts drops of a key since its last delivery, and totals over the subscription',
    marbles((m) => {
      const source = m.hot('-abc-d----|', { a: 'a1', b: 'a2', c: 'a3', d: 'a4' });
      const result = source.pipe(conflateMap({ key: byLetter, project: (v, info) => m.cold('---(x|)', { x: seen(v, info) }) }));
      m.expect(result).toBeObservable('----x--y--(z|)', { x: 'a1:a:0/0', y: 'a3:a:1/1', z: 'a4:a:0/1' });
    }),
  );

  it(
    'drops nothing for a consumer faster than its source',
    marbles((m) => {
      const values = { a: 'a1', b: 'b1', c: 'a2' };
      const synchronous = m.cold('-a-b-c|', values).pipe(conflateMap({ key: byLetter, project: (v, info) => of(seen(v, info)) }));
      m.expect(synchronous).toBeObservable('-a-b-c|', { a: 'a1:a:0/0', b: 'b1:b:0/0', c: 'a2:a:0/0' });
      const quick = m.cold('-a--b--c|', values).pipe(conflateMap({ key: byLetter, project: (v, info) => m.cold('-(x|)', { x: seen(v, info) }) }));
      m.expect(quick).toBeObservable('--a--b--(c|)', { a: 'a1:a:0/0', b: 'b1:b:0/0', c: 'a2:a:0/0' });
    }),
  );

  it(
    'completes with a busy project only when it is done, after the values waiting',
    marbles((m) => {
      const source = m.hot('-ab|', { a: 'a1', b: 'b1' });
      const result = source.pipe(conflateMap({ key: byLetter, project: (v) => m.cold('----(x|)', { x: v }) }));
      m.expect(result).toBeObservable('-----x---(y|)', { x: 'a1', y: 'b1' });
      m.expect(source).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'passes a source error through at once and stops the running project',
    marbles((m) => {
      let finalized = 0;
      const source = m.hot('-ab-#', { a: 'a1', b: 'b1' });
      const result = source.pipe(
        conflateMap({ key: byLetter, project: (v) => m.cold('-----(x|)', { x: v }).pipe(finalize(() => finalized++)) }),
      );
      m.expect(result).toBeObservable('----#');
      m.expect(source).toHaveSubscriptions('^---!');
      m.flush();
      expect(finalized).to.equal(1);
    }),
  );

  it(
    'passes a project error through and unsubscribes the source',
    marbles((m) => {
      const source = m.hot('-a-b-c-|', { a: 'a1', b: 'b1', c: 'c1' });
      const result = source.pipe(
        conflateMap({ key: byLetter, project: (v) => (v === 'b1' ? m.cold('--#', undefined, new TypeError('boom')) : m.cold('-(x|)', { x: v })) }),
      );
      m.expect(outcome(result)).toBeObservable('--x--(e|)', { x: 'a1', e: 'TypeError' });
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it(
    'ends with the error when project or key throws',
    marbles((m) => {
      const throwingProject = m.cold('-a|', { a: 'a1' }).pipe(
        conflateMap<string, string>({
          key: byLetter,
          project: () => {
            throw new SyntaxError('project');
          },
        }),
      );
      m.expect(outcome(throwingProject)).toBeObservable('-(e|)', { e: 'SyntaxError' });
      const throwingKey = m.cold('-a|', { a: 'a1' }).pipe(
        conflateMap<string, string>({
          key: () => {
            throw new URIError('key');
          },
          project: (v) => of(v),
        }),
      );
      m.expect(outcome(throwingKey)).toBeObservable('-(e|)', { e: 'URIError' });
    }),
  );

  it(
    'fails with a RangeError when more than maxKeys keys wait',
    marbles((m) => {
      const source = m.hot('-abcd---|', { a: 'a1', b: 'b1', c: 'c1', d: 'd1' });
      const result = source.pipe(conflateMap({ key: byLetter, project: (v) => m.cold('-----(x|)', { x: v }), maxKeys: 2 }));
      m.expect(outcome(result)).toBeObservable('----(e|)', { e: 'RangeError' });
      m.expect(source).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'counts only distinct waiting keys against maxKeys',
    marbles((m) => {
      const source = m.hot('-abcd-|', { a: 'a1', b: 'a2', c: 'a3', d: 'a4' });
      const result = source.pipe(conflateMap({ key: byLetter, project: (v) => m.cold('---(x|)', { x: v }), maxKeys: 1 }));
      m.expect(result).toBeObservable('----x--(y|)', { x: 'a1', y: 'a4' });
    }),
  );

  it(
    'stops the source and the running project on unsubscribe',
    marbles((m) => {
      let finalized = 0;
      const source = m.hot('-ab-----|', { a: 'a1', b: 'b1' });
      const result = source.pipe(
        conflateMap({ key: byLetter, project: (v) => m.cold('--(x|)', { x: v }).pipe(finalize(() => finalized++)) }),
      );
      m.expect(result, '^----!').toBeObservable('---x-', { x: 'a1' });
      m.expect(source).toHaveSubscriptions('^----!');
      m.flush();
      expect(finalized).to.equal(2); // a1 completed; b1 was stopped
    }),
  );

  it('explains a maxKeys overflow, and checks maxKeys at once', () => {
    const source = new Subject<string>();
    const errors: unknown[] = [];
    source.pipe(conflateMap({ key: (v) => v, project: () => new Subject<never>(), maxKeys: 1 })).subscribe({ error: (e: unknown) => errors.push(e) });
    source.next('x1');
    source.next('x2');
    expect(errors).to.deep.equal([]);
    source.next('x3');
    expect(errors).to.have.length(1);
    expect(String(errors[0])).to.match(/RangeError: conflateMap: more than 1 distinct keys are waiting.*key function should group/);
    expect(source.observed).to.equal(false);
    for (const maxKeys of [0, -1, 1.5, NaN]) {
      expect(() => conflateMap({ key: String, project: () => [], maxKeys }), String(maxKeys)).to.throw(RangeError, /maxKeys/);
    }
    expect(() => conflateMap({ key: String, project: () => [], maxKeys: Infinity })).not.to.throw();
  });

  it('does not recurse with a synchronous project and a synchronous source', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `k${i % 7}`);
    let count = 0;
    of(...values)
      .pipe(conflateMap({ key: (v) => v, project: (v) => of(v) }))
      .subscribe(() => count++);
    expect(count).to.equal(values.length);
  });
});
