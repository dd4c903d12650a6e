import { VegaStreamError } from './vega-stream-error.js';

/** Which liveness check fired: no pong to our ping, or no frame at all for too long. */
export type StaleCause = 'pong-timeout' | 'silence';

/**
 * The socket looks open but is dead (a half-open TCP path: no data, no close). The library
 * closed it. Always retryable.
 */
export class StaleStreamError extends VegaStreamError {
  readonly kind = 'stale-stream' as const;
  readonly retryable = true;

  constructor(
    /** The websocket URL, query string included. */
    readonly url: string,
    /** Which liveness check fired. */
    readonly check: StaleCause,
    /** How long the socket had been quiet, in milliseconds, when the check fired. */
    readonly quietMs: number,
  ) {
    super(
      check === 'pong-timeout'
        ? `Stream ${url} is stale: no pong within ${quietMs} ms of a ping, so the socket was dropped. Subscribe again after a delay.`
        : `Stream ${url} is stale: no frame for ${quietMs} ms, so the socket was dropped. Subscribe again after a delay, or raise silenceTimeoutMs for routes that can be quiet that long.`,
    );
  }
}
