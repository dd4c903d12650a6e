/**
 * The slice of the WebSocket API that socketFrames uses. Both the browser's native WebSocket
 * and the `ws` package's WebSocket satisfy it, so either can be injected. The optional members
 * are the Node-only extras of `ws` (ping/pong frames and an immediate `terminate`).
 */
export interface WebSocketLike {
  /** 0 CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED (the standard WebSocket ready states). */
  readonly readyState: number;
  /** How binary frames are delivered; socketFrames sets it to `'arraybuffer'`. */
  binaryType: string;
  /** Send one text frame. */
  send(data: string): void;
  /** Start the closing handshake (or abort the handshake while CONNECTING). */
  close(code?: number, reason?: string): void;
  /** Listen for the socket opening. */
  addEventListener(type: 'open', listener: (event: unknown) => void): void;
  /** Listen for frames: `data` is a string for text frames, binary data otherwise. */
  addEventListener(type: 'message', listener: (event: SocketMessageEvent) => void): void;
  /** Listen for the socket closing (by either side, or because the connection failed). */
  addEventListener(type: 'close', listener: (event: SocketCloseEvent) => void): void;
  /** Listen for transport errors. */
  addEventListener(type: 'error', listener: (event: SocketErrorEvent) => void): void;
  /** Remove a listener added with addEventListener. */
  removeEventListener(type: 'open', listener: (event: unknown) => void): void;
  /** Remove a listener added with addEventListener. */
  removeEventListener(type: 'message', listener: (event: SocketMessageEvent) => void): void;
  /** Remove a listener added with addEventListener. */
  removeEventListener(type: 'close', listener: (event: SocketCloseEvent) => void): void;
  /** Remove a listener added with addEventListener. */
  removeEventListener(type: 'error', listener: (event: SocketErrorEvent) => void): void;
  /** Node (`ws`) only: send a ping frame. */
  ping?(): void;
  /** Node (`ws`) only: listen for ping and pong frames. */
  on?(event: 'ping' | 'pong', listener: () => void): unknown;
  /** Node (`ws`) only: remove a ping/pong listener. */
  off?(event: 'ping' | 'pong', listener: () => void): unknown;
  /** Node (`ws`) only: destroy the connection at once, without a closing handshake. */
  terminate?(): void;
}

/** A constructor of WebSocketLike sockets. socketFrames calls it with the URL only (no subprotocol). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The `message` event as far as socketFrames reads it. */
export interface SocketMessageEvent {
  /** A string for text frames; an ArrayBuffer (or Node Buffer) for binary frames. */
  readonly data: unknown;
}

/** The `close` event as far as socketFrames reads it. */
export interface SocketCloseEvent {
  /** The close code, 1006 when the connection dropped without a close frame. */
  readonly code: number;
  /** The close reason sent by the peer, usually empty. */
  readonly reason: string;
}

/** The `error` event as far as socketFrames reads it (browsers give no message). */
export interface SocketErrorEvent {
  /** The transport error message (`ws` only). */
  readonly message?: string;
}

/** WebSocket ready states, as numbers, so injected sockets need no static constants. */
export const ReadyState = {
  /** The handshake is in progress. */
  CONNECTING: 0,
  /** Frames can flow. */
  OPEN: 1,
  /** The closing handshake started. */
  CLOSING: 2,
  /** The connection is closed (or never opened). */
  CLOSED: 3,
} as const;

/** A socket that can send pings and report pongs (the `ws` package in Node; never a browser socket). */
type PingableWebSocket = WebSocketLike &
  Required<Pick<WebSocketLike, 'ping' | 'on' | 'off'>>;

/** True when the socket can send ping frames and report pongs. */
export function isPingable(socket: WebSocketLike): socket is PingableWebSocket {
  return (
    typeof socket.ping === 'function' &&
    typeof socket.on === 'function' &&
    typeof socket.off === 'function'
  );
}
