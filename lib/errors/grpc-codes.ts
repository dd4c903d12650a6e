/** gRPC status code names by number, as carried in data-node error frames. */
export const GRPC_CODE_NAMES: Readonly<Record<number, string>> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

/** The name of a gRPC status code, or `CODE_<n>` for a number outside the standard set. */
export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? `CODE_${code}`;
}

/** Vega ErrorDetail codes this library gives a meaning to. */
export const VegaErrorCode = {
  /** "internal stream failure": the node dropped the subscriber (slow consumer, deadline). */
  INTERNAL_STREAM_FAILURE: 10010,
  /** Event bus request with type BUS_EVENT_TYPE_UNSPECIFIED. */
  EVENT_BUS_TYPE_UNSPECIFIED: 10015,
  /** Votes subscription without party id or proposal id. */
  MISSING_PROPOSAL_OR_PARTY_ID: 10024,
  /** Candle id that does not name a candle. */
  CANDLE_NOT_FOUND: 60002,
} as const;
