import { ConnectionError, StaleStreamError } from '../errors/index.js';
import { FAKE_NODE_URL } from './fake-node-url.js';

/**
 * The error of a socket the node dropped after it opened, as the client sees it: a
 * ConnectionError with close code 1006, no reason, phase `'open'` (the real node never sends a
 * close frame). Pass it as the error of `#` in a script marble.
 *
 * @param url the URL the error names; the fake node's address when left out.
 */
export function drop(url: string = FAKE_NODE_URL): ConnectionError {
  return new ConnectionError(url, 1006, '', 'open');
}

/**
 * A ready {@link drop} error, for `m.cold('--a--#', values, dropped)` and for the expected side
 * of a marble assertion (the fake node passes it through unchanged, so it compares equal).
 */
export const dropped: ConnectionError = drop();

/**
 * The error of a socket the client's liveness check gave up on: a StaleStreamError. The fake
 * node runs no timers of its own, so a stale socket is scripted with this as the error of `#`.
 *
 * @param url the URL the error names; the fake node's address when left out.
 * @param quietMs how long the socket had been quiet (the `silenceTimeoutMs` it stands for).
 */
export function stale(url: string = FAKE_NODE_URL, quietMs = 30_000): StaleStreamError {
  return new StaleStreamError(url, 'silence', quietMs);
}

/**
 * The error of a request or socket that never reached the node (DNS, refused, offline): a
 * ConnectionError of phase `'connecting'`, as a failed REST GET reports it.
 *
 * @param url the URL the error names; the fake node's address when left out.
 */
export function unreachable(url: string = FAKE_NODE_URL): ConnectionError {
  return new ConnectionError(url, 0, '', 'connecting', 'fetch failed');
}
