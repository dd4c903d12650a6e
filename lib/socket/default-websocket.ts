// Node build: the `ws` package. The browser bundle swaps this file for default-websocket.browser.ts.
import WebSocket from 'ws';
import type { WebSocketConstructor } from './websocket-like.js';

/**
 * How long an unsubscribed socket waits for the server to answer its close frame before the
 * TCP connection is destroyed, in milliseconds. `ws` waits 30 s by default, which keeps the
 * process alive that long after unsubscribing from a dead path; the data node answers at once.
 */
export const CLOSE_HANDSHAKE_TIMEOUT_MS = 500;

// `closeTimeout` (ws >= 8.19) is not in @types/ws yet; older ws versions ignore it.
const clientOptions: WebSocket.ClientOptions & { closeTimeout: number } = {
  closeTimeout: CLOSE_HANDSHAKE_TIMEOUT_MS,
  // The data node never compresses (PROTOCOL.md section 7): do not offer permessage-deflate.
  perMessageDeflate: false,
};

/** The `ws` WebSocket with a short closing handshake and no compression offer; never a subprotocol. */
class NodeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, clientOptions);
  }
}

/** The WebSocket used when none is injected: in Node, the `ws` package (it can send pings). */
export function defaultWebSocket(): WebSocketConstructor | undefined {
  return NodeWebSocket;
}
