import { VegaStreamError } from './vega-stream-error.js';

/**
 * A frame with the right envelope whose content does not match the route's schema. Not
 * retryable; the frame is quoted by path so the mismatch can be reported upstream.
 */
export class DecodeError extends VegaStreamError {
  readonly kind = 'decode' as const;
  readonly retryable = false;

  constructor(
    /** The route, e.g. `/api/v2/stream/trades`. */
    readonly route: string,
    /** JSON path of the bad field, e.g. `$.result.trades[0].size`. */
    readonly path: string,
    /** What the schema expected there, e.g. `uint64 (decimal string)`. */
    readonly expected: string,
    /** What came, as JSON (shortened). */
    readonly actual: string,
  ) {
    super(
      `Cannot decode a ${route} frame: at ${path} expected ${expected}, got ${actual}. The node may run another API version than v0.79: check the node's version, or report the frame.`,
    );
  }
}
