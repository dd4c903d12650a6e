import { expect } from 'chai';
import { catchError, of, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionError, StaleStreamError } from '../../lib/errors/index.js';
import { socketFrames, type RawFrame, type SocketOptions } from '../../lib/socket/index.js';
import { virtualWebSocket, type VirtualScript } from './virtual-websocket.js';

const url = 'wss://node.example/api/v2/stream/trades';

/** Frames pass through; the error becomes one value that names it, so marbles can compare it. */
function outcome(frames$: Observable<RawFrame>): Observable<RawFrame> {
  return frames$.pipe(
    catchError((error: unknown): Observable<RawFrame> => {
      if (error instanceof StaleStreamError) return of(`stale ${error.check} ${error.quietMs}`);
      if (error instanceof ConnectionError) return of(`connection ${error.phase} ${error.code}`);
      return of(`other ${String(error)}`);
    }),
  );
}

describe('socketFrames timers in virtual time (injected WebSocket)', () => {
  let scheduler: TestScheduler;

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => {
      expect(actual).to.deep.equal(expected);
    });
  });

  function setup(script: VirtualScript, options: SocketOptions = {}) {
    const { WebSocket, sockets } = virtualWebSocket(scheduler, script);
    const frames$ = socketFrames(url, { WebSocket, scheduler, ...options });
    return { frames$, sockets };
  }

  it('pings every interval and fails pongTimeoutMs after the first unanswered ping', () => {
    const { frames$, sockets } = setup(
      { openAfter: 1, answerPingsUntil: 30 },
      { pingIntervalMs: 10, pongTimeoutMs: 5 },
    );
    scheduler.run(({ expectObservable }) => {
      // open at 1; pings at 11, 21 (answered), 31 (not); stale at 36
      expectObservable(outcome(frames$)).toBe('36ms (x|)', { x: 'stale pong-timeout 5' });
    });
    const [socket] = sockets;
    expect(socket?.pings).to.deep.equal([11, 21, 31]);
    expect(socket?.closedBy).to.deep.equal(['terminate']);
    expect(socket?.constructorArgs).to.equal(1);
    expect(socket?.listenerCount()).to.equal(0);
  });

  it('fails with silence after silenceTimeoutMs without a frame, counting from the last one', () => {
    const { frames$ } = setup(
      { openAfter: 0, frames: [[5, 'a'], [20, 'b']] },
      { pingIntervalMs: 0, silenceTimeoutMs: 30 },
    );
    scheduler.run(({ expectObservable }) => {
      expectObservable(outcome(frames$)).toBe('5ms a 14ms b 29ms (x|)', { a: 'a', b: 'b', x: 'stale silence 30' });
    });
  });

  it('does not count answered pings against silence', () => {
    const { frames$, sockets } = setup(
      { openAfter: 0 },
      { pingIntervalMs: 10, pongTimeoutMs: 5, silenceTimeoutMs: 35 },
    );
    scheduler.run(({ expectObservable }) => {
      expectObservable(outcome(frames$)).toBe('35ms (x|)', { x: 'stale silence 35' });
    });
    expect(sockets[0]?.pings).to.deep.equal([10, 20, 30]); // each answered 1 ms later
  });

  it('counts any frame as the answer to a ping', () => {
    const { frames$, sockets } = setup(
      { openAfter: 0, answerPingsUntil: 0, frames: [[12, 'a'], [22, 'b'], [32, 'c']] },
      { pingIntervalMs: 10, pongTimeoutMs: 5 },
    );
    scheduler.run(({ expectObservable }) => {
      // pings at 10, 20, 30 answered by the frames at 12, 22, 32; the one at 40 is not
      expectObservable(outcome(frames$)).toBe('12ms a 9ms b 9ms c 12ms (x|)', {
        a: 'a',
        b: 'b',
        c: 'c',
        x: 'stale pong-timeout 5',
      });
    });
    expect(sockets[0]?.pings).to.deep.equal([10, 20, 30, 40]);
  });

  it('fails with connect-timeout when the socket never opens, and aborts it', () => {
    const { frames$, sockets } = setup({}, { connectTimeoutMs: 100 });
    scheduler.run(({ expectObservable }) => {
      expectObservable(outcome(frames$)).toBe('100ms (x|)', { x: 'connection connect-timeout 0' });
    });
    expect(sockets[0]?.closedBy).to.deep.equal(['terminate']);
    expect(sockets[0]?.listenerCount()).to.equal(0);
  });

  it('cancels every timer on unsubscribe and closes with 1000', () => {
    const { frames$, sockets } = setup(
      { openAfter: 1, answerPingsUntil: 0 },
      { pingIntervalMs: 10, pongTimeoutMs: 50, silenceTimeoutMs: 40, connectTimeoutMs: 100 },
    );
    let pendingAfterUnsubscribe: number[] | undefined;
    scheduler.run(({ expectObservable }) => {
      expectObservable(outcome(frames$), '^ 24ms !').toBe('');
      // unsubscribed at 25, the socket's close event at 26: nothing may be left at 27
      scheduler.schedule(() => (pendingAfterUnsubscribe = scheduler.actions.map((action) => action.delay)), 27);
    });
    expect(pendingAfterUnsubscribe).to.deep.equal([]);
    expect(sockets[0]?.pings).to.deep.equal([11, 21]);
    expect(sockets[0]?.closedBy).to.deep.equal(['close 1000']);
    expect(sockets[0]?.listenerCount()).to.equal(0);
  });
  // Unsubscribing while connecting, and the cleanup before an error: teardown.virtual.spec.ts
});
