/** The data node's wire format: frame envelopes, query strings and id checks. */
export { envelopeResult, parseEnvelope } from './envelope.js';
export { buildQuery, checkParams, type ParamSpec, type ParamKind, type ParamValue, type EnumObject } from './query.js';
export { isVegaId, isPartyId, isTxHash, NETWORK_PARTY } from './ids.js';
export { candleId, candleIdProblem, CANDLE_INTERVALS, type CandleInterval } from './candle-id.js';
