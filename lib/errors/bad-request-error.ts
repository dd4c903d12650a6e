import { VegaStreamError } from './vega-stream-error.js';

/**
 * Parameters the library refused before opening any socket (a malformed id, a missing
 * required filter, an unknown route). Never retryable: fix the call.
 */
export class BadRequestError extends VegaStreamError {
  readonly kind = 'bad-request' as const;
  readonly retryable = false;

  constructor(
    /** The route, e.g. `/api/v2/stream/candle/data`. */
    readonly route: string,
    /** The offending parameter name (camelCase), or '' when the route itself is wrong. */
    readonly parameter: string,
    /** What is wrong and how to fix it. */
    readonly problem: string,
  ) {
    super(
      parameter
        ? `Bad parameter "${parameter}" for ${route}: ${problem}`
        : `Bad request for ${route}: ${problem}`,
    );
  }
}
