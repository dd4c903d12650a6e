/**
 * io-ts codecs for the responses of the 15 `/api/v2/stream/*` routes of a Vega v0.79 data node,
 * generated from the official spec (see scripts/generate-codecs.ts), with the proto3-JSON runtime
 * they are built from and {@link decodeOrThrow}.
 */
export * from './generated/index.js';
export * from './runtime/index.js';
export { decodeOrThrow, quoteValue } from './decode.js';
