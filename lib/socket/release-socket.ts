import { ReadyState, type WebSocketLike } from './websocket-like.js';

/**
 * How to let go of a socket: `'close'` sends close code 1000 (the polite end of an
 * unsubscribe); `'terminate'` drops the connection at once where the socket can (`ws`), for a
 * stream that already failed (dead path, transport error), and closes it elsewhere.
 */
export type ReleaseMode = 'close' | 'terminate';

/**
 * Close a socket whose listeners were already removed, whatever its state. A socket still
 * CONNECTING has its handshake aborted (`ws` and browsers both do this on close()); `ws` then
 * emits an `error`, which would crash the process without a listener, so a no-op `error`
 * listener stays until the socket reports `close`, and is removed with it.
 */
export function releaseSocket(socket: WebSocketLike, mode: ReleaseMode): void {
  if (socket.readyState === ReadyState.CLOSED) return;
  const swallow = (): void => {
    // Late transport errors of a socket nobody listens to any more.
  };
  const closed = (): void => {
    socket.removeEventListener('error', swallow);
    socket.removeEventListener('close', closed);
  };
  socket.addEventListener('error', swallow);
  socket.addEventListener('close', closed);
  try {
    if (mode === 'terminate' && typeof socket.terminate === 'function') socket.terminate();
    else socket.close(1000);
  } catch {
    // Closing a socket that is already going away can throw in some implementations.
  }
}
