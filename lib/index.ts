/**
 * vega-streams: the Vega data-node websocket streams as cold, typed RxJS Observables.
 *
 * @module vega-streams
 */
export * from './client/index.js';
export * from './errors/index.js';
export * from './endpoints/routes/index.js';
export type { RouteDefinition, Conversation, FiltersOf, ResponseOf } from './endpoints/route-definition.js';
export {
  LatestMarketDepthCodec,
  LATEST_MARKET_DEPTH_PATH,
  type LatestMarketDepth,
  type LatestMarketDepthOptions,
} from './endpoints/rest/index.js';
export * from './codecs/generated/index.js';
export { decodeOrThrow } from './codecs/decode.js';
/** The proto3-JSON codec runtime the generated codecs are built from (for custom codecs). */
export * as proto from './codecs/runtime/index.js';
export {
  socketFrames,
  type SocketOptions,
  type RawFrame,
  type FrameSender,
  type WebSocketConstructor,
  type WebSocketLike,
  type SocketMessageEvent,
  type SocketCloseEvent,
  type SocketErrorEvent,
} from './socket/index.js';
export { parseEnvelope, buildQuery, isVegaId, isPartyId, isTxHash, candleId, CANDLE_INTERVALS, type CandleInterval } from './wire/index.js';
export type { ParamSpec, ParamKind, ParamValue, EnumObject } from './wire/index.js';
