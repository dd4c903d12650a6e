import { expect } from 'chai';
import { concat, defer, finalize, NEVER, of, Subject, take, tap, throwError, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { createClient } from '../../lib/client/index.js';
import {
  BadRequestError,
  ConnectionError,
  DataNodeError,
  DecodeError,
  ProtocolError,
  StaleStreamError,
  VegaErrorCode,
} from '../../lib/errors/index.js';
import {
  backoffCap,
  backoffDelay,
  retryBackoff,
  type BackoffDelayConfig,
  type RetryBackoffConfig,
  type RetryStatus,
} from '../../lib/operators/retry-backoff.js';
import { seededRandom } from '../../lib/testing/seeded-random.js';

const URL = 'wss://node.example/api/v2/stream/trades?marketIds=m1';
const lost = new ConnectionError(URL, 1006, '', 'open');
const stale = new StaleStreamError(URL, 'silence', 20_000);
const exhausted = new DataNodeError(URL, 8, 'too many subscriptions', undefined, 'wrapped');
const streamFailure = new DataNodeError(
  URL,
  13,
  'Internal error',
  { code: VegaErrorCode.INTERNAL_STREAM_FAILURE, message: 'internal stream failure', inner: 'channel closed' },
  'wrapped',
);
const invalidArgument = new DataNodeError(URL, 3, 'type mismatch, parameter: marketIds', undefined, 'bare');
const badRequest = new BadRequestError('/api/v2/stream/votes', '', 'votes needs partyId or proposalId');
const decodeError = new DecodeError('/api/v2/stream/trades', '$.result.trades[0].size', 'uint64 (decimal string)', '"x"');
const protocolError = new ProtocolError(URL, 'not JSON', '"<html>"');

/** The default delay shape, without jitter. */
const SHAPE: BackoffDelayConfig = { initialMs: 500, maxMs: 30_000, multiplier: 2, exhaustedDelayMs: 10_000, jitter: 'none' };

/** Subscription marbles for a subscription from frame `from` to frame `to` (to > from). */
function span(from: number, to: number): string {
  const gap = to - from - 1;
  return `${from > 0 ? `${from}ms ` : ''}^${gap > 0 ? ` ${gap}ms ` : ''}!`;
}

/** Each subscription gets the next source; the last one is reused. */
function inTurn<T>(...sources: Observable<T>[]): Observable<T> {
  let next = 0;
  return defer(() => sources[Math.min(next++, sources.length - 1)] as Observable<T>);
}

/** A status as a short string, so sequences compare at a glance. */
function show(status: RetryStatus): string {
  switch (status.type) {
    case 'retrying':
      return `retrying ${status.attempt} ${status.delayMs}ms ${(status.error as Error).name}${status.node === undefined ? '' : ` ${status.node}`}`;
    case 'recovered':
      return `recovered ${status.attempt}`;
    case 'giving-up':
      return `giving-up ${status.attempt} ${(status.error as Error).name}`;
  }
}

describe('retryBackoff (marbles)', () => {
  it(
    'waits 500, 1000, 2000 … ms without jitter, capped at maxMs, then gives up after maxAttempts',
    marbles((m) => {
      const source = m.cold('-#', undefined, lost);
      const statuses: string[] = [];
      const config: RetryBackoffConfig = { jitter: 'none', maxMs: 4000, maxAttempts: 5, scheduler: m.scheduler, status: (s) => statuses.push(show(s)) };
      // Each attempt fails 1 ms after it subscribes; the delays are 500, 1000, 2000, 4000, 4000.
      m.expect(source.pipe(retryBackoff(config))).toBeObservable('11506ms #', undefined, lost);
      m.expect(source).toHaveSubscriptions(['^!', '501ms ^!', '1502ms ^!', '3503ms ^!', '7504ms ^!', '11505ms ^!']);
      m.flush();
      expect(statuses).to.deep.equal([
        'retrying 1 500ms ConnectionError',
        'retrying 2 1000ms ConnectionError',
        'retrying 3 2000ms ConnectionError',
        'retrying 4 4000ms ConnectionError',
        'retrying 5 4000ms ConnectionError',
        'giving-up 5 ConnectionError',
      ]);
    }),
  );

  it(
    'with full jitter, waits the whole milliseconds that follow from the seeded random sequence, each in [0, cap)',
    marbles((m) => {
      const config = { initialMs: 500, maxMs: 8000, multiplier: 2, exhaustedDelayMs: 10_000, jitter: 'full' as const };
      const attempts = 6;
      const expectedRandom = seededRandom(7);
      const delays = Array.from({ length: attempts }, (_, i) => backoffDelay(i + 1, stale, config, expectedRandom));
      delays.forEach((delay, i) => {
        expect(delay, `delay ${i + 1}`).to.be.at.least(0).and.below(backoffCap(i + 1, config));
        expect(Number.isInteger(delay), `delay ${i + 1} in whole ms`).to.equal(true);
      });
      expect(delays.some((delay, i) => delay !== backoffCap(i + 1, config) - 1), 'jittered').to.equal(true);

      const subscriptions: string[] = [];
      let t = 0;
      for (const delay of delays) {
        subscriptions.push(span(t, t + 1));
        t += 1 + delay;
      }
      subscriptions.push(span(t, t + 1));

      const source = m.cold('-#', undefined, stale);
      const reported: number[] = [];
      const retried = source.pipe(
        retryBackoff({
          ...config,
          maxAttempts: attempts,
          random: seededRandom(7),
          scheduler: m.scheduler,
          status: (s) => s.type === 'retrying' && reported.push(s.delayMs),
        }),
      );
      m.expect(retried).toBeObservable(`${t + 1}ms #`, undefined, stale);
      m.expect(source).toHaveSubscriptions(subscriptions);
      m.flush();
      expect(reported).to.deep.equal(delays);
    }),
  );

  it(
    'resets the attempt counter when a subscription lasted resetAfterMs, and reports recovered before the first value',
    marbles((m) => {
      const first = m.cold('-#', undefined, lost);
      const stable = m.cold('a 999ms #', { a: 'a' }, stale); // fails 1000 ms after it subscribed
      const third = m.cold('-#', undefined, lost);
      const last = m.cold('-b|', { b: 'b' });
      const log: string[] = [];
      const retried = inTurn(first, stable, third, last).pipe(
        retryBackoff({ jitter: 'none', resetAfterMs: 1000, scheduler: m.scheduler, status: (s) => log.push(show(s)) }),
        tap((value) => log.push(`value ${value}`)),
      );
      m.expect(retried).toBeObservable('501ms a 2501ms b|', { a: 'a', b: 'b' });
      m.expect(first).toHaveSubscriptions(['^!']);
      m.expect(stable).toHaveSubscriptions([span(501, 1501)]);
      m.expect(third).toHaveSubscriptions([span(2001, 2002)]); // 500 ms again: attempt 1
      m.expect(last).toHaveSubscriptions([span(3002, 3004)]); // then 1000 ms: attempt 2
      m.flush();
      expect(log).to.deep.equal([
        'retrying 1 500ms ConnectionError',
        'recovered 1',
        'value a',
        'retrying 1 500ms StaleStreamError',
        'retrying 2 1000ms ConnectionError',
        'recovered 2',
        'value b',
      ]);
    }),
  );

  it(
    'does not reset the counter for a subscription 1 ms short of resetAfterMs, even if it emitted',
    marbles((m) => {
      const first = m.cold('-#', undefined, lost);
      const shorter = m.cold('a 998ms #', { a: 'a' }, lost); // fails 999 ms after it subscribed
      const last = m.cold('-b|', { b: 'b' });
      const statuses: string[] = [];
      const retried = inTurn(first, shorter, last).pipe(
        retryBackoff({ jitter: 'none', resetAfterMs: 1000, scheduler: m.scheduler, status: (s) => statuses.push(show(s)) }),
      );
      m.expect(retried).toBeObservable('501ms a 1999ms b|', { a: 'a', b: 'b' });
      m.expect(shorter).toHaveSubscriptions([span(501, 1500)]);
      m.expect(last).toHaveSubscriptions([span(2500, 2502)]);
      m.flush();
      expect(statuses).to.deep.equal(['retrying 1 500ms ConnectionError', 'recovered 1', 'retrying 2 1000ms ConnectionError', 'recovered 2']);
    }),
  );

  it(
    'lets a retryable error pass through once maxAttempts retries were made, reporting giving-up',
    marbles((m) => {
      const source = m.cold('--#', undefined, streamFailure);
      const statuses: string[] = [];
      const retried = source.pipe(retryBackoff({ jitter: 'none', maxAttempts: 2, scheduler: m.scheduler, status: (s) => statuses.push(show(s)) }));
      m.expect(retried).toBeObservable('1506ms #', undefined, streamFailure);
      m.expect(source).toHaveSubscriptions([span(0, 2), span(502, 504), span(1504, 1506)]);
      m.flush();
      expect(statuses).to.deep.equal(['retrying 1 500ms DataNodeError', 'retrying 2 1000ms DataNodeError', 'giving-up 2 DataNodeError']);
    }),
  );

  it(
    'with maxAttempts 0, passes the first retryable error through without resubscribing',
    marbles((m) => {
      const source = m.cold('-#', undefined, lost);
      const statuses: string[] = [];
      m.expect(source.pipe(retryBackoff({ maxAttempts: 0, scheduler: m.scheduler, status: (s) => statuses.push(show(s)) }))).toBeObservable('-#', undefined, lost);
      m.expect(source).toHaveSubscriptions(['^!']);
      m.flush();
      expect(statuses).to.deep.equal(['giving-up 0 ConnectionError']);
    }),
  );

  for (const [name, error] of [
    ['BadRequestError', badRequest],
    ['DecodeError', decodeError],
    ['DataNodeError code 3 (INVALID_ARGUMENT)', invalidArgument],
    ['ProtocolError', protocolError],
    ['foreign Error', new Error('boom')],
  ] as const) {
    it(
      `passes a ${name} straight through: no resubscribe, no status, no node rotation`,
      marbles((m) => {
        const source = m.cold('a-#', { a: 1 }, error);
        const statuses: RetryStatus[] = [];
        let rotations = 0;
        const nodes = { rotateNode: () => `node ${++rotations}` };
        m.expect(source.pipe(retryBackoff({ nodes, scheduler: m.scheduler, status: (s) => statuses.push(s) }))).toBeObservable('a-#', { a: 1 }, error);
        m.expect(source).toHaveSubscriptions(['^-!']);
        m.flush();
        expect(statuses).to.deep.equal([]);
        expect(rotations).to.equal(0);
      }),
    );
  }

  it(
    'follows shouldRetry instead of isRetryable when given',
    marbles((m) => {
      const boom = new Error('boom');
      const foreign = m.cold('-#', undefined, boom);
      const connection = m.cold('-#', undefined, lost);
      const onlyForeign = (error: unknown) => error === boom;
      m.expect(inTurn(foreign, connection).pipe(retryBackoff({ jitter: 'none', shouldRetry: onlyForeign, scheduler: m.scheduler }))).toBeObservable(
        '502ms #',
        undefined,
        lost,
      );
      m.expect(connection).toHaveSubscriptions([span(501, 502)]);
    }),
  );

  it(
    'adds exhaustedDelayMs after RESOURCE_EXHAUSTED (gRPC 8) only',
    marbles((m) => {
      const tooMany = m.cold('-#', undefined, exhausted);
      const failure = m.cold('-#', undefined, streamFailure);
      const last = m.cold('-a|', { a: 'a' });
      const statuses: string[] = [];
      const retried = inTurn(tooMany, failure, last).pipe(
        retryBackoff({ jitter: 'none', scheduler: m.scheduler, status: (s) => statuses.push(show(s)) }),
      );
      m.expect(retried).toBeObservable('11503ms a|', { a: 'a' });
      m.expect(failure).toHaveSubscriptions([span(10_501, 10_502)]); // 500 + 10 000
      m.expect(last).toHaveSubscriptions([span(11_502, 11_504)]); // 1000: code 13 adds nothing
      m.flush();
      expect(statuses).to.deep.equal(['retrying 1 10500ms DataNodeError', 'retrying 2 1000ms DataNodeError', 'recovered 2']);
    }),
  );

  it(
    'rotates the VegaClient node once per retry, when the error arrives, and reports the node',
    marbles((m) => {
      const client = createClient({ nodes: ['wss://a.example', 'wss://b.example', 'wss://c.example'] });
      const rotatedAt: number[] = [];
      const nodes = {
        rotateNode: () => {
          rotatedAt.push(m.scheduler.now());
          return client.rotateNode();
        },
      };
      const failing = m.cold('-#', undefined, lost);
      const last = m.cold('-a', { a: 'a' });
      const statuses: string[] = [];
      const retried = inTurn(failing, failing, failing, last).pipe(
        retryBackoff({ jitter: 'none', nodes, scheduler: m.scheduler, status: (s) => statuses.push(show(s)) }),
      );
      m.expect(retried).toBeObservable('3504ms a', { a: 'a' });
      m.flush();
      expect(rotatedAt).to.deep.equal([1, 502, 1503]);
      expect(statuses).to.deep.equal([
        'retrying 1 500ms ConnectionError wss://b.example',
        'retrying 2 1000ms ConnectionError wss://c.example',
        'retrying 3 2000ms ConnectionError wss://a.example',
        'recovered 3',
      ]);
      expect(client.currentNode()).to.equal('wss://a.example');
      // A VegaClient is accepted as it is.
      expect(() => retryBackoff({ nodes: client })).not.to.throw();
    }),
  );

  it(
    'reports retrying … recovered on an observer such as a Subject',
    marbles((m) => {
      const status = new Subject<RetryStatus>();
      const seen: RetryStatus[] = [];
      status.subscribe((s) => seen.push(s));
      const retried = inTurn(m.cold('-#', undefined, lost), m.cold('#', undefined, stale), m.cold('a-b', { a: 1, b: 2 })).pipe(
        retryBackoff({ jitter: 'none', scheduler: m.scheduler, status }),
      );
      m.expect(retried).toBeObservable('1501ms a-b', { a: 1, b: 2 });
      m.flush();
      expect(seen).to.deep.equal([
        { type: 'retrying', attempt: 1, delayMs: 500, error: lost },
        { type: 'retrying', attempt: 2, delayMs: 1000, error: stale },
        { type: 'recovered', attempt: 2 },
      ]);
    }),
  );

  it(
    'cancels the backoff timer on unsubscribe: no resubscribe afterwards, no action left on the scheduler',
    marbles((m) => {
      const source = m.cold('-#', undefined, lost);
      const due: number[][] = []; // the frames the scheduler's pending actions are due at
      const record = () => due.push(m.scheduler.actions.map((action) => action.delay));
      m.scheduler.schedule(record, 100); // during the wait
      m.scheduler.schedule(record, 202); // just after unsubscribing at 201
      m.expect(source.pipe(retryBackoff({ jitter: 'none', scheduler: m.scheduler })), '^ 200ms !').toBeObservable('-');
      m.expect(source).toHaveSubscriptions(['^!']);
      m.flush();
      // At 100: the unsubscribe at 201, the second check and the backoff timer (due at 501). At 202: nothing.
      expect(due).to.deep.equal([[201, 202, 501], []]);
      expect(m.scheduler.actions).to.have.length(0);
    }),
  );

  it(
    'releases the resubscribed source on unsubscribe',
    marbles((m) => {
      const first = m.cold('-#', undefined, lost);
      const second = m.cold('-a', { a: 'a' });
      m.expect(inTurn(first, second).pipe(retryBackoff({ jitter: 'none', scheduler: m.scheduler })), '^ 600ms !').toBeObservable('502ms a', { a: 'a' });
      m.expect(second).toHaveSubscriptions([span(501, 601)]);
    }),
  );

  it(
    'releases a resubscribed source whose consumer leaves during its synchronous first value',
    marbles((m) => {
      const released: number[] = [];
      const open = concat(of('a'), NEVER).pipe(finalize(() => released.push(m.scheduler.now())));
      const retried = inTurn(m.cold('-#', undefined, lost), open).pipe(retryBackoff({ jitter: 'none', scheduler: m.scheduler }), take(1));
      m.expect(retried).toBeObservable('501ms (a|)', { a: 'a' });
      m.flush();
      expect(released).to.deep.equal([501]);
    }),
  );

  it(
    'releases the failed source before it reports and before the delay begins, for asynchronous and synchronous errors',
    marbles((m) => {
      const log: string[] = [];
      const now = () => m.scheduler.now();
      let subscriptions = 0;
      const source = defer(() => {
        const n = ++subscriptions;
        const inner: Observable<string> = n === 1 ? m.cold('-#', undefined, lost) : n === 2 ? throwError(() => stale) : of('ok');
        return inner.pipe(finalize(() => log.push(`released ${n} at ${now()}`)));
      });
      const retried = source.pipe(retryBackoff({ jitter: 'none', scheduler: m.scheduler, status: (s) => log.push(`${show(s)} at ${now()}`) }));
      m.expect(retried).toBeObservable('1501ms (o|)', { o: 'ok' });
      m.flush();
      expect(log).to.deep.equal([
        'released 1 at 1',
        'retrying 1 500ms ConnectionError at 1',
        'released 2 at 501',
        'retrying 2 1000ms StaleStreamError at 501',
        'recovered 2 at 1501',
        'released 3 at 1501',
      ]);
    }),
  );

  it(
    'fails the stream with the exception of a throwing status callback, leaving no timer',
    marbles((m) => {
      const source = m.cold('-#', undefined, lost);
      const bug = new TypeError('status display broke');
      const retried = source.pipe(
        retryBackoff({
          scheduler: m.scheduler,
          status: () => {
            throw bug;
          },
        }),
      );
      m.expect(retried).toBeObservable('-#', undefined, bug);
      m.expect(source).toHaveSubscriptions(['^!']);
      m.flush();
      expect(m.scheduler.actions).to.have.length(0);
    }),
  );

  it(
    'uses the defaults (500 ms first cap, asyncScheduler) when configured with nothing but jitter',
    marbles((m) => {
      // In rxjs-marbles run mode the asyncScheduler runs in virtual time.
      const retried = inTurn(m.cold('-#', undefined, lost), m.cold('a|', { a: 'a' })).pipe(retryBackoff({ jitter: 'none' }));
      m.expect(retried).toBeObservable('501ms a|', { a: 'a' });
    }),
  );
});

describe('retryBackoff config validation', () => {
  const cases: [RetryBackoffConfig, RegExp][] = [
    [{ initialMs: -1 }, /initialMs must be a finite number >= 0, got -1/],
    [{ initialMs: NaN }, /initialMs must be a finite number >= 0, got NaN/],
    [{ maxMs: -5 }, /maxMs must be a finite number >= 0, got -5/],
    [{ maxMs: Infinity }, /maxMs must be a finite number >= 0, got Infinity/],
    [{ multiplier: 0.5 }, /multiplier must be a finite number >= 1, got 0.5/],
    [{ maxAttempts: -1 }, /maxAttempts must be a whole number >= 0 or Infinity, got -1/],
    [{ maxAttempts: 2.5 }, /maxAttempts must be a whole number >= 0 or Infinity, got 2.5/],
    [{ resetAfterMs: NaN }, /resetAfterMs must be a number >= 0 \(Infinity: never reset\), got NaN/],
    [{ exhaustedDelayMs: -10 }, /exhaustedDelayMs must be a finite number >= 0, got -10/],
    [{ initialMs: 1000, maxMs: 500 }, /initialMs must be at most maxMs, got initialMs 1000 and maxMs 500/],
    [{ jitter: 'half' as 'full' }, /jitter must be 'full' or 'none', got "half"/],
  ];
  for (const [config, message] of cases) {
    it(`refuses ${JSON.stringify(config, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))} with a RangeError at once`, () => {
      expect(() => retryBackoff(config)).to.throw(RangeError, message);
    });
  }

  it('refuses a random, shouldRetry or nodes that cannot be called with a TypeError', () => {
    expect(() => retryBackoff({ random: 0.5 as unknown as () => number })).to.throw(TypeError, /random must be a function/);
    expect(() => retryBackoff({ shouldRetry: true as unknown as () => boolean })).to.throw(TypeError, /shouldRetry must be a function/);
    expect(() => retryBackoff({ nodes: {} as { rotateNode(): string } })).to.throw(TypeError, /rotateNode/);
  });

  it('accepts the edges: zero delays, multiplier 1, maxAttempts 0 and Infinity, resetAfterMs Infinity', () => {
    expect(() => retryBackoff({ initialMs: 0, maxMs: 0, multiplier: 1, maxAttempts: 0, resetAfterMs: Infinity, exhaustedDelayMs: 0 })).not.to.throw();
    expect(() => retryBackoff({ maxAttempts: Infinity })).not.to.throw();
  });
});

describe('backoffCap and backoffDelay', () => {
  it('caps attempt n at min(maxMs, initialMs * multiplier^(n-1))', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCap(n, SHAPE))).to.deep.equal([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffCap(5000, SHAPE)).to.equal(30_000); // multiplier^n overflows to Infinity
    expect(backoffCap(5000, { ...SHAPE, initialMs: 0 })).to.equal(0);
    expect(backoffCap(3, { ...SHAPE, multiplier: 1.5 })).to.equal(1125);
  });

  it('without jitter the delay is the cap; with full jitter floor(random() * cap); gRPC 8 adds exhaustedDelayMs', () => {
    const full = { ...SHAPE, jitter: 'full' as const };
    expect(backoffDelay(2, lost, SHAPE, () => 0.5)).to.equal(1000);
    expect(backoffDelay(2, lost, full, () => 0)).to.equal(0);
    expect(backoffDelay(2, lost, full, () => 0.9999)).to.equal(999);
    expect(backoffDelay(1, exhausted, full, () => 0.5)).to.equal(250 + 10_000);
    expect(backoffDelay(1, exhausted, SHAPE, () => 0.5)).to.equal(10_500);
    expect(backoffDelay(1, streamFailure, SHAPE, () => 0.5)).to.equal(500);
  });

  it('refuses an attempt below 1 and a random() outside [0, 1)', () => {
    expect(() => backoffCap(0, SHAPE)).to.throw(RangeError, /attempt must be a whole number >= 1, got 0/);
    expect(() => backoffDelay(1, lost, { ...SHAPE, jitter: 'full' }, () => 1)).to.throw(RangeError, /random\(\) must return a number in \[0, 1\), got 1/);
  });
});

describe('seededRandom', () => {
  it('is mulberry32: the same seed gives the same sequence, known values included', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect(first).to.deep.equal([b(), b(), b()]);
    expect(first[0]).to.equal(0.6011037519201636);
    expect(seededRandom(43)()).not.to.equal(first[0]);
  });

  it('returns numbers in [0, 1)', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const r = random();
      expect(r >= 0 && r < 1, String(r)).to.equal(true);
    }
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => seededRandom(NaN)).to.throw(RangeError, /seed must be a finite number, got NaN/);
  });
});
