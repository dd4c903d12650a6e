/** Typed errors emitted by vega-streams; every one says what happened and whether to retry. */
export { VegaStreamError, isRetryable, type VegaStreamErrorKind } from './vega-stream-error.js';
export { ConnectionError, type ConnectionPhase } from './connection-error.js';
export { StaleStreamError, type StaleCause } from './stale-stream-error.js';
export {
  DataNodeError,
  type DataNodeErrorForm,
  type VegaErrorDetail,
} from './data-node-error.js';
export { ProtocolError, quoteFrame, FRAME_QUOTE_LENGTH } from './protocol-error.js';
export { DecodeError } from './decode-error.js';
export { BadRequestError } from './bad-request-error.js';
export { SequenceGapError } from './sequence-gap-error.js';
export { GRPC_CODE_NAMES, grpcCodeName, VegaErrorCode } from './grpc-codes.js';
