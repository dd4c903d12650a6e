// Browser build: the native WebSocket. Must never import `ws` (the bundle swaps
// default-websocket.ts for this file).
import type { WebSocketConstructor } from './websocket-like.js';

/** The WebSocket used when none is injected: in browsers, the native `globalThis.WebSocket`. */
export function defaultWebSocket(): WebSocketConstructor | undefined {
  return typeof globalThis.WebSocket === 'function' ? globalThis.WebSocket : undefined;
}
