import type { SchedulerLike, Subscription } from 'rxjs';
import { ReadyState, type WebSocketLike } from './websocket-like.js';

/** How long {@link closeSocket} lets a socket still CONNECTING take to open. */
export interface OpenWait {
  /** Runs the timer that bounds the wait. */
  readonly scheduler: SchedulerLike;
  /**
   * The time, on `scheduler.now()`'s clock, after which the handshake is aborted: the connect
   * deadline of the stream (subscribe time + connectTimeoutMs, or + DEFAULT_CONNECT_TIMEOUT_MS
   * when connectTimeoutMs is 0). Already past means abort at once.
   */
  readonly deadline: number;
}

/**
 * Close a socket politely with code 1000 (the end of an unsubscribe), whatever its state; the
 * caller's own listeners must already be removed.
 *
 * - OPEN: `close(1000)` at once.
 * - CONNECTING: aborting the handshake would leave a server that already accepted the upgrade
 *   with 1006, so the socket is closed with 1000 as soon as it opens. If it errors or closes
 *   first, it is only cleaned up. The wait is bounded by `wait.deadline` (a timer on
 *   `wait.scheduler`), after which the handshake is aborted (`terminate()` where the socket has
 *   it, `close()` elsewhere; both abort a handshake). So nothing can stay behind forever.
 * - CLOSING: nothing to send; it is left to finish.
 * - CLOSED: nothing to do.
 *
 * Until the socket reports `close`, a no-op `error` listener swallows its late errors (`ws`
 * would crash the process on an `error` event without a listener, and aborting a handshake
 * emits one), a `close` listener waits to clean up, and while CONNECTING an `open` listener and
 * the deadline timer wait too. The `close` event removes every one of them and cancels the
 * timer, so nothing of ours remains once the socket has closed. After close(1000), how long the
 * closing handshake may take is the socket's business (`ws` as built by this library gives up
 * after CLOSE_HANDSHAKE_TIMEOUT_MS, browsers after their own timeout).
 */
export function closeSocket(socket: WebSocketLike, wait: OpenWait): void {
  if (socket.readyState === ReadyState.CLOSED) return;
  if (socket.readyState !== ReadyState.CONNECTING) {
    watchUntilClosed(socket);
    if (socket.readyState === ReadyState.OPEN) closeWith1000(socket); // CLOSING: left to finish
    return;
  }
  let timer: Subscription | undefined;
  const stopWaiting = (): void => {
    timer?.unsubscribe();
    timer = undefined;
    socket.removeEventListener('open', opened);
  };
  const opened = (): void => {
    stopWaiting();
    closeWith1000(socket);
  };
  const abort = (): void => {
    stopWaiting();
    if (socket.readyState === ReadyState.CONNECTING) terminateOrClose(socket);
  };
  watchUntilClosed(socket, stopWaiting);
  socket.addEventListener('open', opened);
  const left = wait.deadline - wait.scheduler.now();
  if (left <= 0) abort();
  else timer = wait.scheduler.schedule(abort, left);
}

/**
 * Drop a socket at once, whatever its state, for a stream that already failed (dead path,
 * transport error): `terminate()` where the socket has it (`ws`: no closing handshake, a
 * CONNECTING handshake is aborted), `close(1000)` elsewhere (browsers). The caller's own
 * listeners must already be removed. Until the socket reports `close`, exactly two listeners
 * of ours remain: a no-op `error` listener (`ws` emits `error` when a handshake is aborted, and
 * would crash the process without a listener) and the `close` listener that removes both.
 */
export function terminateSocket(socket: WebSocketLike): void {
  if (socket.readyState === ReadyState.CLOSED) return;
  watchUntilClosed(socket);
  terminateOrClose(socket);
}

/**
 * Swallow the socket's errors until it reports `close`, then remove both listeners and run
 * `onClosed`.
 */
function watchUntilClosed(socket: WebSocketLike, onClosed?: () => void): void {
  const swallow = (): void => {
    // Late transport errors of a socket nobody listens to any more.
  };
  const closed = (): void => {
    socket.removeEventListener('error', swallow);
    socket.removeEventListener('close', closed);
    onClosed?.();
  };
  socket.addEventListener('error', swallow);
  socket.addEventListener('close', closed);
}

function closeWith1000(socket: WebSocketLike): void {
  try {
    socket.close(1000);
  } catch {
    // Closing a socket that is already going away can throw in some implementations.
  }
}

function terminateOrClose(socket: WebSocketLike): void {
  try {
    if (typeof socket.terminate === 'function') socket.terminate();
    else socket.close(1000);
  } catch {
    // Closing a socket that is already going away can throw in some implementations.
  }
}
