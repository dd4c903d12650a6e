/**
 * The socket layer: a cold Observable of the raw frames of one websocket, with connect
 * deadline and liveness checks, over `ws` in Node and the native WebSocket in browsers.
 */
export { socketFrames } from './socket-frames.js';
export type { RawFrame } from './raw-frame.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_PONG_TIMEOUT_MS,
  type FrameSender,
  type SocketOptions,
} from './options.js';
export {
  ReadyState,
  type SocketCloseEvent,
  type SocketErrorEvent,
  type SocketMessageEvent,
  type WebSocketConstructor,
  type WebSocketLike,
} from './websocket-like.js';
