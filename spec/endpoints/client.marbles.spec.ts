import { expect } from 'chai';
import { catchError, map, of, tap, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { VegaStreamError, createClient, type ClientOptions } from '../../lib/index.js';
import { virtualWebSocket, type VirtualScript } from '../socket/virtual-websocket.js';

const NODE = 'wss://node.example';
const MARKET = 'a'.repeat(64);

/** Values pass through; a library error becomes one value naming its kind, so marbles can compare it. */
function outcome<T>(source$: Observable<T>): Observable<T | string> {
  return source$.pipe(
    catchError((error: unknown) => of(error instanceof VegaStreamError ? `${error.kind}${error.retryable ? ' (retryable)' : ''}` : String(error))),
  );
}

describe('client endpoints in virtual time (rxjs-marbles)', () => {
  function client(scheduler: ClientOptions['scheduler'], script: VirtualScript, options: Partial<ClientOptions> = {}) {
    const { WebSocket, sockets } = virtualWebSocket(scheduler!, script);
    return { vega: createClient({ nodes: [NODE], WebSocket, scheduler, pingIntervalMs: 0, ...options }), sockets };
  }

  it(
    'emits each frame decoded, at the time it arrives',
    marbles((m) => {
      const { vega } = client(m.scheduler, {
        openAfter: 1,
        frames: [
          [3, '{"result":{"trades":[{"id":"t1","price":"10"},{"id":"t2"}]}}'],
          [6, '{"result":{"trades":[{"id":"t3","size":"5"}]}}'],
        ],
      });
      const ids$ = vega.trades({ marketIds: [MARKET] }).pipe(map((r) => r.trades.map((t) => `${t.id}:${t.price || '-'}:${t.size}`).join(' ')));
      m.expect(ids$).toBeObservable('3ms a 2ms b', { a: 't1:10:0 t2:-:0', b: 't3:-:5' });
    }),
  );

  it(
    'ends with the data-node error of an error frame, after the values before it',
    marbles((m) => {
      const { vega, sockets } = client(m.scheduler, {
        openAfter: 0,
        frames: [
          [2, '{"result":{"marketData":[{"market":"m1"}]}}'],
          [4, '{"error":{"code":13,"message":"Internal error","details":[{"@type":"type.googleapis.com/vega.ErrorDetail","code":10010,"message":"internal stream failure","inner":"channel closed"}]}}'],
        ],
      });
      let releasedAtError: string[] | undefined;
      const data$ = outcome(
        vega.marketsData({ marketIds: [MARKET] }).pipe(
          map((r) => r.marketData[0]?.market),
          tap({ error: () => (releasedAtError = [...(sockets[0]?.closedBy ?? [])]) }),
        ),
      );
      m.expect(data$).toBeObservable('2ms a 1ms (e|)', { a: 'm1', e: 'data-node (retryable)' });
      m.flush();
      // The socket was closed before the error reached the subscriber, so a handler that
      // subscribes again never holds two sockets.
      expect(releasedAtError).to.deep.equal(['close 1000']);
    }),
  );

  it(
    'ends with a stale-stream error when the client silence timeout passes without a frame',
    marbles((m) => {
      const { vega } = client(m.scheduler, { openAfter: 0, frames: [[5, '{"result":{"trades":[]}}']] }, { silenceTimeoutMs: 20 });
      const trades$ = outcome(vega.trades().pipe(map((r) => r.trades.length)));
      m.expect(trades$).toBeObservable('5ms a 19ms (e|)', { a: 0, e: 'stale-stream (retryable)' });
    }),
  );

  it(
    'ends with a connection error when the socket does not open within connectTimeoutMs',
    marbles((m) => {
      const { vega } = client(m.scheduler, {}, { connectTimeoutMs: 50 });
      m.expect(outcome(vega.ledgerMovements())).toBeObservable('50ms (e|)', { e: 'connection (retryable)' });
    }),
  );

  it(
    'refuses bad filters at subscribe time without constructing a socket',
    marbles((m) => {
      const { vega, sockets } = client(m.scheduler, { openAfter: 0 });
      m.expect(outcome(vega.votes({}))).toBeObservable('(e|)', { e: 'bad-request' });
      m.flush();
      expect(sockets).to.have.length(0);
    }),
  );
});
