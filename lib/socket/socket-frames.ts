import { Observable, Subscription } from 'rxjs';
import { ConnectionError, StaleStreamError } from '../errors/index.js';
import { startLiveness, type Liveness } from './liveness.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  resolveSocketOptions,
  type FrameSender,
  type ResolvedSocketOptions,
  type SocketOptions,
} from './options.js';
import { toRawFrame, type RawFrame } from './raw-frame.js';
import { closeSocket, terminateSocket } from './release-socket.js';
import { checkSocketUrl } from './socket-url.js';
import {
  ReadyState,
  type SocketCloseEvent,
  type SocketErrorEvent,
  type SocketMessageEvent,
  type WebSocketLike,
} from './websocket-like.js';

/**
 * A cold Observable of the frames of one websocket: text frames as strings, binary frames as
 * Uint8Array. Each subscription opens its own socket (URL only, never a subprotocol).
 *
 * Unsubscribing cancels every timer and listener and closes the socket with code 1000. A socket
 * still connecting is closed with 1000 as soon as it opens (aborting it would leave a server
 * that already accepted the upgrade with 1006); if it errors or closes first it is only
 * cleaned up, and if it has not opened by the connect deadline (`connectTimeoutMs` counted
 * from subscribe, or DEFAULT_CONNECT_TIMEOUT_MS when that is 0) its handshake is aborted then,
 * by a timer on the `scheduler`. Nothing of ours remains once the socket has closed.
 *
 * It never completes: a stream route never ends normally, so any close, even a clean one from
 * the server, is a ConnectionError (phase `'connecting'` or `'open'`, with the close code and
 * reason; the real node sends no close frame, so expect 1006). No open within
 * `connectTimeoutMs` is a ConnectionError of phase `'connect-timeout'`; an unanswered ping or
 * a silent socket is a StaleStreamError. A URL that is not ws:// or wss:// is a TypeError,
 * and a bad option a RangeError, both emitted on subscribe.
 *
 * A failed stream is cleaned up before its error is delivered: inside the error callback every
 * timer is cancelled, our listeners are gone and the socket has been dropped (`terminate()` in
 * Node, `close()` in browsers), so reconnecting from there never holds two sockets. The only
 * listeners left on the dropped socket until it reports `close` are a no-op `error` listener
 * and the `close` listener that removes both (see terminateSocket).
 *
 * @example
 * socketFrames('wss://api.n07.testnet.vega.xyz/api/v2/stream/trades', { silenceTimeoutMs: 60_000 })
 *   .subscribe((frame) => console.log(frame));
 */
export function socketFrames(url: string, options: SocketOptions = {}): Observable<RawFrame> {
  return new Observable<RawFrame>((subscriber) => {
    const badUrl = checkSocketUrl(url);
    if (badUrl !== undefined) {
      subscriber.error(badUrl);
      return undefined;
    }
    let config: ResolvedSocketOptions;
    try {
      config = resolveSocketOptions(options);
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    let socket: WebSocketLike;
    try {
      socket = new config.WebSocket(url);
    } catch (error) {
      // e.g. a browser refusing ws:// from an https page
      subscriber.error(new ConnectionError(url, 0, '', 'connecting', messageOf(error)));
      return undefined;
    }
    socket.binaryType = 'arraybuffer';

    const timers = new Subscription();
    /** When this subscription started, for the bound on a socket closed while connecting. */
    const subscribedAt = config.scheduler.now();
    let liveness: Liveness | undefined;
    let opened = false;
    /** Set once the stream has ended (error or unsubscribe): events after that are ignored. */
    let ended = false;

    /** End the stream: cancel every timer and remove every listener of ours. */
    const end = (): void => {
      ended = true;
      timers.unsubscribe();
      liveness?.stop();
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('message', onMessage);
      socket.removeEventListener('close', onClose);
      socket.removeEventListener('error', onError);
    };

    /** Fail the stream, cleaning up first so that the error handler sees nothing of ours left. */
    const fail = (error: unknown): void => {
      if (ended) return;
      end();
      terminateSocket(socket);
      subscriber.error(error);
    };

    const sender: FrameSender = {
      send(text: string): void {
        if (!ended && socket.readyState === ReadyState.OPEN) socket.send(text);
      },
    };

    const onOpen = (): void => {
      if (ended) return;
      opened = true;
      timers.unsubscribe(); // the connect deadline
      liveness = startLiveness(socket, config, (check, quietMs) =>
        fail(new StaleStreamError(url, check, quietMs)),
      );
      if (config.onOpen === undefined) return;
      try {
        config.onOpen(sender);
      } catch (error) {
        fail(error);
      }
    };

    const onMessage = (event: SocketMessageEvent): void => {
      if (ended) return;
      liveness?.frame();
      const frame = toRawFrame(event.data);
      if (frame === undefined) {
        fail(new TypeError(`Unsupported websocket message data from ${url}: ${describe(event.data)}.`));
        return;
      }
      subscriber.next(frame);
    };

    const onClose = (event: SocketCloseEvent): void => {
      fail(new ConnectionError(url, event.code, event.reason, opened ? 'open' : 'connecting'));
    };

    // Browsers fire `error` just before `close` (code 1006, no detail); `ws` may fire it long
    // before (it then waits for a closing handshake), so fail at once with the transport detail.
    const onError = (event: SocketErrorEvent): void => {
      fail(new ConnectionError(url, 1006, '', opened ? 'open' : 'connecting', event.message ?? ''));
    };

    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
    socket.addEventListener('error', onError);

    if (config.connectTimeoutMs > 0) {
      const ms = config.connectTimeoutMs;
      timers.add(
        config.scheduler.schedule(() => {
          fail(new ConnectionError(url, 0, '', 'connect-timeout', `not open after ${ms} ms`));
        }, ms),
      );
    }

    return () => {
      if (ended) return; // failed: already cleaned up and dropped
      end();
      const connectMs = config.connectTimeoutMs > 0 ? config.connectTimeoutMs : DEFAULT_CONNECT_TIMEOUT_MS;
      closeSocket(socket, { scheduler: config.scheduler, deadline: subscribedAt + connectMs });
    };
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(data: unknown): string {
  if (data === null) return 'null';
  if (typeof data === 'object') return data.constructor?.name ?? 'object';
  return typeof data;
}
