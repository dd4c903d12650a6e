import { expect } from 'chai';
import { map } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { DataNodeError, DecodeError, ProtocolError, tradesRoute } from '../../lib/index.js';
import { decode, type SkippedFrameError } from '../../lib/operators/index.js';
import { fakeDataNode } from '../../lib/testing/index.js';

const good = { trades: [{ id: 't1', price: '10', size: '2' }] };
const bad = { trades: [{ id: 't2', size: 'ten' }] };

describe('decode (marbles)', () => {
  it(
    'closes the socket before a DecodeError reaches the subscriber',
    marbles((m) => {
      const node = fakeDataNode({ scheduler: m.scheduler, routes: { trades: m.cold('a-b', { a: JSON.stringify({ result: good }), b: JSON.stringify({ result: bad }) }) } });
      const openAtError: number[] = [];
      node.client.rawStream(tradesRoute, {}).pipe(decode({ route: tradesRoute })).subscribe({
        error: (error: unknown) => {
          expect(error).to.be.instanceOf(DecodeError);
          openAtError.push(node.openConnections().length);
        },
      });
      m.flush();
      expect(openAtError).to.deep.equal([0]);
    }),
  );

  it(
    'takes an ArrayBuffer as a binary frame (a ProtocolError), not as a result',
    marbles((m) => {
      const raw = m.cold('a', { a: new ArrayBuffer(4) as unknown });
      let failure: unknown;
      raw.pipe(decode({ route: tradesRoute })).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(ProtocolError);
    }),
  );

  it(
    'decodes raw results with the route codec, proto3 defaults included',
    marbles((m) => {
      const raw = m.cold('a|', { a: good as unknown });
      const out = raw.pipe(decode({ route: tradesRoute }), map((r) => `${r.trades[0]?.id}:${r.trades[0]?.price}:${r.trades[0]?.buyer === ''}`));
      m.expect(out).toBeObservable('a|', { a: 't1:10:true' });
    }),
  );

  it(
    'fails the stream with a DecodeError naming the route and field by default',
    marbles((m) => {
      const raw = m.cold('ab', { a: good as unknown, b: bad });
      const out = raw.pipe(decode({ route: tradesRoute }), map((r) => r.trades[0]?.id));
      m.expect(out).toBeObservable('a#', { a: 't1' }, new DecodeError('/api/v2/stream/trades', '$.result.trades[0].size', 'uint64 (decimal string)', '"ten"'));
      m.expect(raw).toHaveSubscriptions('^!');
    }),
  );

  it(
    'with onError skip, leaves bad frames out, reports them on the side channel and goes on',
    marbles((m) => {
      const skipped: SkippedFrameError[] = [];
      const raw = m.cold('abcd|', { a: good as unknown, b: bad, c: '{"result":', d: JSON.stringify({ result: good }) });
      const out = raw.pipe(decode({ route: tradesRoute, onError: 'skip', skipped: (e) => skipped.push(e) }), map((r) => r.trades[0]?.id));
      m.expect(out).toBeObservable('a--d|', { a: 't1', d: 't1' });
      m.flush();
      expect(skipped.map((e) => e.constructor.name)).to.deep.equal(['DecodeError', 'ProtocolError']);
      expect((skipped[0] as DecodeError).path).to.equal('$.result.trades[0].size');
      expect(skipped[1]).to.be.instanceOf(ProtocolError);
    }),
  );

  it(
    'reports skipped frames to an observer too, and never skips an error frame from the node',
    marbles((m) => {
      const seen: string[] = [];
      const raw = m.cold('ab', { a: bad as unknown, b: '{"error":{"code":13,"message":"Internal error"}}' });
      const out = raw.pipe(decode({ route: tradesRoute, onError: 'skip', skipped: { next: (e) => seen.push(e.kind) } }));
      let failure: unknown;
      out.subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(seen).to.deep.equal(['decode']);
      expect(failure).to.be.instanceOf(DataNodeError);
    }),
  );

  it(
    'with input: \'envelopes\', unwraps parsed frames (and an error frame fails the stream with its DataNodeError)',
    marbles((m) => {
      const raw = m.cold('a', { a: { result: good } as unknown });
      m.expect(raw.pipe(decode({ route: tradesRoute, input: 'envelopes' }), map((r) => r.trades.length))).toBeObservable('a', { a: 1 });
      const failed = m.cold('a', { a: { error: { code: 13, message: 'Internal error' } } as unknown });
      let failure: unknown;
      failed.pipe(decode({ route: tradesRoute, input: 'envelopes' })).subscribe({ error: (e: unknown) => (failure = e) });
      m.flush();
      expect(failure).to.be.instanceOf(DataNodeError);
    }),
  );

  it(
    'takes objects as results by default, as rawStream emits them: a result with a field named "result" or "error" is not mistaken for a frame',
    marbles((m) => {
      const raw = m.cold('ab', { a: { result: null } as unknown, b: { error: { code: 3, message: 'x' } } as unknown });
      m.expect(raw.pipe(decode({ route: tradesRoute }), map((r) => r.trades.length))).toBeObservable('ab', { a: 0, b: 0 });
    }),
  );

  it(
    'fails the stream when the side channel throws',
    marbles((m) => {
      const raw = m.cold('ab', { a: bad as unknown, b: good });
      const out = raw.pipe(decode({ route: tradesRoute, onError: 'skip', skipped: () => { throw new Error('logger down'); } }));
      m.expect(out).toBeObservable('#', undefined, new Error('logger down'));
    }),
  );

  it('refuses an unknown policy', () => {
    expect(() => decode({ route: tradesRoute, onError: 'ignore' as 'skip' })).to.throw(RangeError, /onError must be 'fail' or 'skip'/);
  });
});
