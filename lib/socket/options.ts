import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { defaultWebSocket } from './default-websocket.js';
import type { WebSocketConstructor } from './websocket-like.js';

/** Sends text frames on an open socket. */
export interface FrameSender {
  /**
   * Send one text frame. Valid while the socket is open; once the stream has ended (error or
   * unsubscribe) the frame is dropped silently, since nobody is listening for the answer.
   */
  send(text: string): void;
}

/** How {@link socketFrames} opens, watches and closes its socket. Every field is optional. */
export interface SocketOptions {
  /**
   * The WebSocket constructor. Default: the `ws` package in Node, `globalThis.WebSocket` in
   * browsers. It is called with the URL only: no subprotocol is ever requested.
   */
  WebSocket?: WebSocketConstructor;
  /**
   * A socket that has not opened after this many milliseconds fails with a ConnectionError of
   * phase `'connect-timeout'` and is torn down. Default 10 000; 0 disables the deadline.
   *
   * It also bounds an unsubscribe while the socket is still connecting: the socket is then
   * closed with 1000 as soon as it opens, and its handshake is aborted if it has not opened
   * this many milliseconds after subscribe. With 0 that bound is DEFAULT_CONNECT_TIMEOUT_MS
   * (10 000) after subscribe, so an unsubscribed socket never waits forever for a handshake.
   */
  connectTimeoutMs?: number;
  /**
   * Send a ping frame this often, in milliseconds. Only where the socket can ping (`ws` in Node;
   * browsers cannot). Default 15 000; 0 disables pings.
   */
  pingIntervalMs?: number;
  /**
   * A ping not followed by a pong (or any frame) within this many milliseconds fails the stream
   * with a StaleStreamError of check `'pong-timeout'`. Default 10 000; 0 disables the check.
   */
  pongTimeoutMs?: number;
  /**
   * No frame for this many milliseconds fails the stream with a StaleStreamError of check
   * `'silence'`. Works everywhere, browsers included (pongs do not count, so it means the same
   * in Node). Default 0 (off): quiet routes are normal, so set it per route.
   */
  silenceTimeoutMs?: number;
  /**
   * The scheduler of every timer (connect deadline, pings, pong and silence checks, and the
   * bound on waiting for a socket unsubscribed while connecting to open), so they run in
   * virtual time under a TestScheduler. Every timer is cancelled on unsubscribe or failure,
   * except that bound, which is cancelled when the socket opens or closes. Default
   * `asyncScheduler`.
   */
  scheduler?: SchedulerLike;
  /**
   * Called once when the socket opens, with a sender for text frames (the event bus sends its
   * request here). If it throws, the stream fails with that error.
   */
  onOpen?: (sender: FrameSender) => void;
}

/** Default connect deadline, in milliseconds. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Default ping period, in milliseconds. */
export const DEFAULT_PING_INTERVAL_MS = 15_000;
/** Default pong deadline, in milliseconds. */
export const DEFAULT_PONG_TIMEOUT_MS = 10_000;

/** SocketOptions with every default filled in and every duration checked. */
export interface ResolvedSocketOptions {
  /** The constructor to use. */
  readonly WebSocket: WebSocketConstructor;
  /** Connect deadline; 0 = none. */
  readonly connectTimeoutMs: number;
  /** Ping period; 0 = no pings. */
  readonly pingIntervalMs: number;
  /** Pong deadline; 0 = none. */
  readonly pongTimeoutMs: number;
  /** Silence deadline; 0 = none. */
  readonly silenceTimeoutMs: number;
  /** The scheduler of every timer. */
  readonly scheduler: SchedulerLike;
  /** The open callback, if any. */
  readonly onOpen: ((sender: FrameSender) => void) | undefined;
}

/**
 * Fill in the defaults. Throws a RangeError for a duration that is negative or not a number,
 * and a TypeError when no WebSocket is available (a runtime without one and none injected).
 */
export function resolveSocketOptions(options: SocketOptions): ResolvedSocketOptions {
  const WebSocket = options.WebSocket ?? defaultWebSocket();
  if (WebSocket === undefined) {
    throw new TypeError(
      'No WebSocket implementation in this runtime: pass one as the WebSocket option (e.g. the `ws` package).',
    );
  }
  return {
    WebSocket,
    connectTimeoutMs: duration(options, 'connectTimeoutMs', DEFAULT_CONNECT_TIMEOUT_MS),
    pingIntervalMs: duration(options, 'pingIntervalMs', DEFAULT_PING_INTERVAL_MS),
    pongTimeoutMs: duration(options, 'pongTimeoutMs', DEFAULT_PONG_TIMEOUT_MS),
    silenceTimeoutMs: duration(options, 'silenceTimeoutMs', 0),
    scheduler: options.scheduler ?? asyncScheduler,
    onOpen: options.onOpen,
  };
}

type DurationOption = 'connectTimeoutMs' | 'pingIntervalMs' | 'pongTimeoutMs' | 'silenceTimeoutMs';

function duration(options: SocketOptions, name: DurationOption, fallback: number): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `Socket option ${name} must be a finite number of milliseconds >= 0 (0 disables it), got ${String(value)}.`,
    );
  }
  return value;
}
