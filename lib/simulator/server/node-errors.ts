/**
 * The error frames the simulated data node sends, with the texts, gRPC codes and vega codes of
 * the real v0.79 data node (datanode/api/errors.go: the gRPC status message is "<Code> error",
 * the vega ErrorDetail carries the API error's text and its code from the node's error map,
 * 10000 for an error the map does not know, and the inner errors joined by ", ").
 */

/** A gRPC status code with the name Go's `codes.Code` prints. */
export interface GrpcStatusCode {
  readonly code: number;
  readonly goName: string;
}

/** gRPC codes the data node uses on streams. */
export const GRPC = {
  InvalidArgument: { code: 3, goName: 'InvalidArgument' },
  NotFound: { code: 5, goName: 'NotFound' },
  ResourceExhausted: { code: 8, goName: 'ResourceExhausted' },
  Internal: { code: 13, goName: 'Internal' },
} as const satisfies Record<string, GrpcStatusCode>;

/** A data-node API error: its text and its code in the node's error map. */
export interface ApiError {
  readonly message: string;
  readonly vegaCode: number;
}

/** The API errors the stream routes raise (text and vega code as the v0.79 data node has them). */
export const API_ERRORS = {
  notMapped: { message: 'error not found in error lookup table', vegaCode: 10000 },
  channelClosed: { message: 'channel closed', vegaCode: 10002 },
  streamInternal: { message: 'internal stream failure', vegaCode: 10010 },
  malformedRequest: { message: 'malformed request', vegaCode: 10015 },
  missingProposalIdOrPartyId: { message: 'missing proposal id or party id', vegaCode: 10024 },
  missingCandleId: { message: 'candle id is a required parameter', vegaCode: 10030 },
  subscribeToCandles: { message: 'failed to subscribe to candle data', vegaCode: 60002 },
} as const satisfies Record<string, ApiError>;

/** `{"error":{…}}`: a data-node error sent on a stream, with its vega ErrorDetail. */
export function streamErrorFrame(status: GrpcStatusCode, error: ApiError, inner: readonly string[] = []): object {
  const detail: Record<string, unknown> = {
    '@type': 'type.googleapis.com/vega.ErrorDetail',
    code: error.vegaCode,
    message: error.message,
  };
  if (inner.length > 0) detail['inner'] = inner.join(', ');
  return { error: { code: status.code, message: `${status.goName} error`, details: [detail] } };
}

/**
 * `{"error":{…}}` for an error the node's map does not know: vega code 10000 and the error's own
 * text as the detail message (as the real node answers an unknown market id on the depth routes:
 * "no market found for id:<id> : malformed request").
 */
export function unmappedErrorFrame(status: GrpcStatusCode, text: string): object {
  return streamErrorFrame(status, { message: text, vegaCode: API_ERRORS.notMapped.vegaCode });
}

/** `{"error":{code, message}}` without details, as the subscription limit is reported. */
export function plainErrorFrame(status: GrpcStatusCode, message: string): object {
  return { error: { code: status.code, message } };
}

/** The bare gateway status `{"code","message"}` sent before a stream starts (bad query value, unknown route). */
export function gatewayErrorFrame(status: GrpcStatusCode, message: string): object {
  return { code: status.code, message };
}

/** The text the subscription limit error carries. */
export const MAX_SUBSCRIPTIONS_MESSAGE = 'client reached max subscription allowed';
