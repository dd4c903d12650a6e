import { VegaStreamError } from './vega-stream-error.js';

/** How many characters of an offending frame an error quotes. */
export const FRAME_QUOTE_LENGTH = 120;

/**
 * A frame that is not a data-node message: bad JSON, a binary frame, or JSON with neither
 * or both of `result` and `error`. Not retryable: the node (or a proxy) speaks another protocol.
 */
export class ProtocolError extends VegaStreamError {
  readonly kind = 'protocol' as const;
  readonly retryable = false;

  constructor(
    /** The websocket URL, query string included. */
    readonly url: string,
    /** What is wrong with the frame. */
    readonly problem: string,
    /** The start of the frame as received (binary frames are shown as their length). */
    readonly frameStart: string,
  ) {
    super(
      `Unexpected frame on ${url}: ${problem}. Frame starts: ${frameStart}. Check that the URL points at a Vega data node's /api/v2/stream route.`,
    );
  }
}

/** Quote the start of a frame for an error message. */
export function quoteFrame(text: string): string {
  return text.length > FRAME_QUOTE_LENGTH
    ? `${JSON.stringify(text.slice(0, FRAME_QUOTE_LENGTH))}…`
    : JSON.stringify(text);
}
