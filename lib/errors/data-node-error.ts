import { VegaStreamError } from './vega-stream-error.js';
import { grpcCodeName, VegaErrorCode } from './grpc-codes.js';
import { quoteFrame } from './protocol-error.js';

/** The `vega.ErrorDetail` a data-node error may carry. */
export interface VegaErrorDetail {
  /** Vega error code, e.g. 10010 for "internal stream failure". */
  readonly code: number;
  /** Vega's description of the error. */
  readonly message: string;
  /** The underlying cause, e.g. "channel closed"; '' when absent. */
  readonly inner: string;
}

/**
 * How the error reached us: `wrapped` is the stream form `{"error":{…}}` sent by the data node,
 * `bare` is the gateway's `{"code","message"}` sent before any stream started (bad query value,
 * unknown route).
 */
export type DataNodeErrorForm = 'wrapped' | 'bare';

/** gRPC codes after which a new subscription can succeed. */
const TRANSIENT_CODES = new Set([1, 2, 4, 8, 10, 14]);
const INTERNAL = 13;

/**
 * An error frame sent by the data node or its gateway. Retryable when the code says the
 * failure is transient (unavailable, resource exhausted, internal stream failure…); a bad
 * argument or an unknown route is not.
 */
export class DataNodeError extends VegaStreamError {
  readonly kind = 'data-node' as const;
  readonly retryable: boolean;
  /** gRPC status name, e.g. `INVALID_ARGUMENT`. */
  readonly grpcName: string;

  constructor(
    /** The websocket URL, query string included. */
    readonly url: string,
    /** gRPC status code, e.g. 3 for INVALID_ARGUMENT. */
    readonly grpcCode: number,
    /** The status message, e.g. "Internal error" or the gateway's parsing complaint. */
    readonly grpcMessage: string,
    /** The vega ErrorDetail, when the frame carried one. */
    readonly detail: VegaErrorDetail | undefined,
    /** Stream error frame or bare gateway status. */
    readonly form: DataNodeErrorForm,
  ) {
    const retryable = isTransient(grpcCode, detail);
    super(dataNodeMessage(url, grpcCode, grpcMessage, detail, retryable));
    this.grpcName = grpcCodeName(grpcCode);
    this.retryable = retryable;
  }
}

function isTransient(code: number, detail: VegaErrorDetail | undefined): boolean {
  if (TRANSIENT_CODES.has(code)) return true;
  if (code !== INTERNAL) return false;
  return detail === undefined || detail.code === VegaErrorCode.INTERNAL_STREAM_FAILURE;
}

function dataNodeMessage(
  url: string,
  code: number,
  message: string,
  detail: VegaErrorDetail | undefined,
  retryable: boolean,
): string {
  const vega = detail
    ? `; vega error ${detail.code} ${shorten(detail.message)}${detail.inner ? ` (${shorten(detail.inner)})` : ''}`
    : '';
  const advice = retryable
    ? 'This is transient: subscribe again after a delay.'
    : 'Retrying will not help: check the route and its parameters.';
  return `Data node error on ${url}: ${grpcCodeName(code)} (${code}) ${shorten(message)}${vega}. ${advice}`;
}

/** The node's own text, quoted and cut to a readable length (the full text stays on the error). */
function shorten(text: string): string {
  return quoteFrame(text);
}
