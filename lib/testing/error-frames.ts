import type { ErrorFrame, ErrorFrameDetail, StatusFrame } from './fake-frame.js';

/** The `@type` of a vega ErrorDetail. */
const VEGA_ERROR_DETAIL = 'type.googleapis.com/vega.ErrorDetail';

/** gRPC code names as Go prints them: the data node's status message is "<Name> error". */
const GO_CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'Canceled', 2: 'Unknown', 3: 'InvalidArgument', 4: 'DeadlineExceeded', 5: 'NotFound',
  6: 'AlreadyExists', 7: 'PermissionDenied', 8: 'ResourceExhausted', 9: 'FailedPrecondition',
  10: 'Aborted', 11: 'OutOfRange', 12: 'Unimplemented', 13: 'Internal', 14: 'Unavailable',
  15: 'DataLoss', 16: 'Unauthenticated',
};

/** The texts of the vega error codes the stream routes raise (v0.79 error map). */
const VEGA_MESSAGES: Readonly<Record<number, string>> = {
  10000: 'error not found in error lookup table',
  10002: 'channel closed',
  10010: 'internal stream failure',
  10015: 'malformed request',
  10024: 'missing proposal id or party id',
  10030: 'candle id is a required parameter',
  60002: 'failed to subscribe to candle data',
};

/** The text the node sends when a client IP holds too many subscriptions (code 8, no detail). */
export const MAX_SUBSCRIPTIONS_MESSAGE = 'client reached max subscription allowed';

/**
 * A data-node error frame as the real node sends it (PROTOCOL.md section 3). With a vega code:
 * status message "<Code> error" (e.g. "Internal error") and one vega ErrorDetail carrying
 * `message` (default: the node's text for that code) and `inner` when given. Without one: no
 * details, and `message` is the status message (default "<Code> error").
 *
 * @example errorFrame(3, 10024) // votes without party or proposal
 * @example errorFrame(13, 10010, 'internal stream failure', 'channel closed')
 */
export function errorFrame(code: number, vegaCode?: number, message?: string, inner?: string): ErrorFrame {
  const status = `${GO_CODE_NAMES[code] ?? `Code(${code})`} error`;
  if (vegaCode === undefined) return { error: { code, message: message ?? status } };
  const detail: ErrorFrameDetail = {
    '@type': VEGA_ERROR_DETAIL,
    code: vegaCode,
    message: message ?? VEGA_MESSAGES[vegaCode] ?? VEGA_MESSAGES[10000] ?? '',
    ...(inner !== undefined && { inner }),
  };
  return { error: { code, message: status, details: [detail] } };
}

/** The node dropping a slow consumer: Internal (13), vega 10010 "internal stream failure", inner "channel closed". Retryable. */
export function channelClosedFrame(): ErrorFrame {
  return errorFrame(13, 10010, 'internal stream failure', 'channel closed');
}

/** The 251st subscription of a client IP: ResourceExhausted (8) "client reached max subscription allowed". Retryable. */
export function tooManySubscriptionsFrame(): ErrorFrame {
  return errorFrame(8, undefined, MAX_SUBSCRIPTIONS_MESSAGE);
}

/**
 * The gateway's bare status, sent before a stream starts (a bad query value, an unknown route).
 *
 * @example statusFrame(5, 'Not Found')
 * @example statusFrame(3, 'parsing field "type": "FOO" is not a valid value')
 */
export function statusFrame(code: number, message: string): StatusFrame {
  return { code, message };
}
