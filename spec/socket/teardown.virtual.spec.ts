import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionError, StaleStreamError } from '../../lib/errors/index.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, ReadyState, socketFrames, type SocketOptions } from '../../lib/socket/index.js';
import { virtualWebSocket, type VirtualScript, type VirtualSocket } from './virtual-websocket.js';

const url = 'wss://node.example/api/v2/stream/trades';

/** What a socket and the scheduler hold at one virtual time. */
interface Snapshot {
  /** Virtual time of the snapshot. */
  readonly at: number;
  /** How the socket was closed so far ('close 1000', 'terminate'). */
  readonly closedBy: string[];
  /** The event types of the listeners still on the socket. */
  readonly listeners: string[];
  /** Virtual times of every scheduled action (the probes of the spec excepted). */
  readonly pending: number[];
}

describe('socketFrames teardown in virtual time (injected WebSocket)', () => {
  let scheduler: TestScheduler;
  /** Actions scheduled by the spec itself, left out of snapshots. */
  let probes: Set<Subscription>;

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => {
      expect(actual).to.deep.equal(expected);
    });
    probes = new Set();
  });

  function setup(script: VirtualScript, options: SocketOptions = {}) {
    const { WebSocket, sockets } = virtualWebSocket(scheduler, script);
    const frames$ = socketFrames(url, { WebSocket, scheduler, ...options });
    return { frames$, sockets };
  }

  function snapshot(socket: VirtualSocket | undefined): Snapshot {
    return {
      at: scheduler.now(),
      closedBy: [...(socket?.closedBy ?? [])],
      listeners: socket?.listenerTypes() ?? [],
      pending: scheduler.actions.filter((action) => !probes.has(action)).map((action) => action.delay),
    };
  }

  /** Run `work` at virtual time `at` (inside scheduler.run), as a probe left out of snapshots. */
  function at(time: number, work: () => void): void {
    probes.add(scheduler.schedule(work, time - scheduler.now()));
  }

  describe('unsubscribing while the socket is still connecting', () => {
    it('closes it with 1000 as soon as it opens, then leaves nothing behind', () => {
      const { frames$, sockets } = setup({ openAfter: 30 }, { connectTimeoutMs: 100, pingIntervalMs: 10 });
      const seen: Snapshot[] = [];
      const events: string[] = [];
      scheduler.run(() => {
        const subscription = frames$.subscribe({ next: () => events.push('next'), error: () => events.push('error') });
        at(10, () => subscription.unsubscribe());
        at(20, () => seen.push(snapshot(sockets[0])));
        at(32, () => seen.push(snapshot(sockets[0])));
      });
      expect(seen).to.deep.equal([
        // waiting for the open at 30, bounded by the connect deadline at 100
        { at: 20, closedBy: [], listeners: ['close', 'error', 'open'], pending: [30, 100] },
        // closed with 1000 at 30, close event at 31: no listener, no timer left
        { at: 32, closedBy: ['close 1000'], listeners: [], pending: [] },
      ]);
      expect(sockets[0]?.closedAt).to.deep.equal([30]);
      expect(sockets[0]?.pings).to.deep.equal([]); // no liveness for an unsubscribed stream
      expect(events).to.deep.equal([]);
      expect(scheduler.actions).to.have.length(0);
    });

    it('aborts the handshake at the connect deadline (counted from subscribe) when it never opens', () => {
      const { frames$, sockets } = setup({}, { connectTimeoutMs: 100 });
      const seen: Snapshot[] = [];
      scheduler.run(() => {
        const subscription = frames$.subscribe({ error: () => expect.fail('no error after unsubscribe') });
        at(10, () => subscription.unsubscribe());
        at(99, () => seen.push(snapshot(sockets[0])));
        at(102, () => seen.push(snapshot(sockets[0])));
      });
      expect(seen).to.deep.equal([
        { at: 99, closedBy: [], listeners: ['close', 'error', 'open'], pending: [100] },
        // aborted at 100; the abort error (swallowed) and the close event at 101
        { at: 102, closedBy: ['terminate'], listeners: [], pending: [] },
      ]);
      expect(sockets[0]?.closedAt).to.deep.equal([100]);
      expect(scheduler.actions).to.have.length(0);
    });

    it('with connectTimeoutMs 0, aborts it DEFAULT_CONNECT_TIMEOUT_MS after subscribe', () => {
      const { frames$, sockets } = setup({}, { connectTimeoutMs: 0 });
      const seen: Snapshot[] = [];
      scheduler.run(() => {
        const subscription = frames$.subscribe();
        at(10, () => subscription.unsubscribe());
        at(20, () => seen.push(snapshot(sockets[0])));
      });
      expect(seen).to.deep.equal([
        { at: 20, closedBy: [], listeners: ['close', 'error', 'open'], pending: [DEFAULT_CONNECT_TIMEOUT_MS] },
      ]);
      expect(sockets[0]?.closedBy).to.deep.equal(['terminate']);
      expect(sockets[0]?.closedAt).to.deep.equal([DEFAULT_CONNECT_TIMEOUT_MS]);
      expect(sockets[0]?.listenerCount()).to.equal(0);
      expect(scheduler.actions).to.have.length(0);
    });

    it('aborts it at once when unsubscribed after that bound has passed (connectTimeoutMs 0)', () => {
      const { frames$, sockets } = setup({}, { connectTimeoutMs: 0 });
      scheduler.run(() => {
        const subscription = frames$.subscribe();
        at(DEFAULT_CONNECT_TIMEOUT_MS + 500, () => subscription.unsubscribe());
      });
      expect(sockets[0]?.closedAt).to.deep.equal([DEFAULT_CONNECT_TIMEOUT_MS + 500]);
      expect(sockets[0]?.closedBy).to.deep.equal(['terminate']);
      expect(sockets[0]?.listenerCount()).to.equal(0);
      expect(scheduler.actions).to.have.length(0);
    });

    it('only cleans up when the connection fails before it opens (the error is swallowed)', () => {
      const { frames$, sockets } = setup({ failAfter: 40 }, { connectTimeoutMs: 100 });
      const seen: Snapshot[] = [];
      scheduler.run(() => {
        const subscription = frames$.subscribe({ error: () => expect.fail('no error after unsubscribe') });
        at(10, () => subscription.unsubscribe());
        at(20, () => seen.push(snapshot(sockets[0])));
        at(42, () => seen.push(snapshot(sockets[0])));
      });
      expect(seen).to.deep.equal([
        { at: 20, closedBy: [], listeners: ['close', 'error', 'open'], pending: [40, 100] },
        // error at 40 (a ws socket would crash without the swallowing listener), close at 41
        { at: 42, closedBy: [], listeners: [], pending: [] },
      ]);
      expect(scheduler.actions).to.have.length(0);
    });
  });

  describe('a failing stream is cleaned up before its error is delivered', () => {
    const boom = new Error('cannot build the request');
    const cases: Array<{
      name: string;
      script: VirtualScript;
      options: SocketOptions;
      error: (error: unknown) => boolean;
      at: number;
      dropped: boolean;
    }> = [
      {
        name: 'a pong timeout',
        script: { openAfter: 1, answerPingsUntil: 0 },
        options: { pingIntervalMs: 10, pongTimeoutMs: 5, silenceTimeoutMs: 1000 },
        error: (e) => e instanceof StaleStreamError && e.check === 'pong-timeout',
        at: 16,
        dropped: true,
      },
      {
        name: 'silence',
        script: { openAfter: 0 },
        options: { silenceTimeoutMs: 30 },
        error: (e) => e instanceof StaleStreamError && e.check === 'silence',
        at: 30,
        dropped: true,
      },
      {
        name: 'a connect timeout',
        script: {},
        options: { connectTimeoutMs: 100 },
        error: (e) => e instanceof ConnectionError && e.phase === 'connect-timeout',
        at: 100,
        dropped: true,
      },
      {
        name: 'onOpen throwing',
        script: { openAfter: 5 },
        options: {
          onOpen: () => {
            throw boom;
          },
        },
        error: (e) => e === boom,
        at: 5,
        dropped: true,
      },
      {
        name: 'unsupported message data',
        script: { openAfter: 1, frames: [[5, { a: 'Blob' }]] },
        options: {},
        error: (e) => e instanceof TypeError && /Unsupported websocket message data/.test(e.message),
        at: 5,
        dropped: true,
      },
      {
        name: 'a transport error while open',
        script: { openAfter: 1, failAfter: 8 },
        options: {},
        error: (e) => e instanceof ConnectionError && e.phase === 'open' && e.detail === 'read ECONNRESET',
        at: 8,
        dropped: true,
      },
      {
        name: 'a close by the server',
        script: { openAfter: 1, closeAfter: 8 },
        options: {},
        error: (e) => e instanceof ConnectionError && e.code === 1000 && e.reason === 'bye',
        at: 8,
        dropped: false,
      },
    ];

    for (const { name, script, options, error, at: time, dropped } of cases) {
      it(`on ${name}`, () => {
        // Default pings (15 s) and pong deadline stay scheduled unless the stream cleans up.
        const { frames$, sockets } = setup(script, options);
        let inHandler: Snapshot | undefined;
        let received: unknown;
        scheduler.run(() => {
          frames$.subscribe({
            error: (e: unknown) => {
              received = e;
              inHandler = snapshot(sockets[0]);
            },
          });
        });
        expect(error(received), String(received)).to.equal(true);
        expect(inHandler).to.deep.equal(
          dropped
            ? // Terminated before the error; all that remains until its close event (1 ms later,
              // the only pending action) is the no-op `error` listener that swallows late errors
              // and the `close` listener that removes both.
              { at: time, closedBy: ['terminate'], listeners: ['close', 'error'], pending: [time + 1] }
            : // Already closed by the server: nothing to release, nothing left.
              { at: time, closedBy: [], listeners: [], pending: [] },
        );
        expect(sockets[0]?.listenerCount()).to.equal(0);
        expect(scheduler.actions).to.have.length(0);
      });
    }

    it('so a reconnect from the error handler holds only the new socket', () => {
      const { frames$, sockets } = setup({ openAfter: 1, answerPingsUntil: 0 }, { pingIntervalMs: 10, pongTimeoutMs: 5 });
      let live: number | undefined;
      let second: Subscription | undefined;
      scheduler.run(() => {
        frames$.subscribe({
          error: () => {
            second = frames$.subscribe();
            live = sockets.filter((socket) => socket.readyState <= ReadyState.OPEN).length;
          },
        });
        at(20, () => second?.unsubscribe());
      });
      expect(sockets).to.have.length(2);
      expect(live).to.equal(1);
      expect(sockets[0]?.closedBy).to.deep.equal(['terminate']);
      expect(sockets[1]?.closedBy).to.deep.equal(['close 1000']);
      expect(sockets.map((socket) => socket.listenerCount())).to.deep.equal([0, 0]);
      expect(scheduler.actions).to.have.length(0);
    });
  });
});
