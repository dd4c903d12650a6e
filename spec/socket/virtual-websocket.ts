/**
 * A WebSocket for virtual-time specs: the real WebSocketLike API (plus the `ws` ping/pong
 * extras), with its network behaviour scripted on a TestScheduler. Only for proving that the
 * timers of socketFrames run on the injected scheduler; everything else is tested over real
 * sockets.
 */
import type { SchedulerLike } from 'rxjs';
import {
  ReadyState,
  type SocketCloseEvent,
  type SocketErrorEvent,
  type SocketMessageEvent,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../../lib/socket/index.js';

/** The scripted network behaviour of every socket a class from {@link virtualWebSocket} makes. */
export interface VirtualScript {
  /** Virtual time after construction at which the socket opens; undefined = never. */
  readonly openAfter?: number;
  /** Pongs are sent 1 ms after a ping while the (absolute) virtual time is below this. */
  readonly answerPingsUntil?: number;
  /** Frames the server sends: [absolute virtual time, data] (data not a string: an unsupported type). */
  readonly frames?: ReadonlyArray<readonly [number, unknown]>;
  /**
   * Virtual time after construction at which the connection fails (refused while connecting,
   * dropped while open): like ws, an `error` event then, and `close` 1006 1 ms later.
   */
  readonly failAfter?: number;
  /** Virtual time after construction at which the server closes an open socket with 1000 'bye'. */
  readonly closeAfter?: number;
}

type Listener = (event: never) => void;

/** One socket of a virtual class, with what happened to it. */
export interface VirtualSocket extends WebSocketLike {
  /** The URL it was constructed with. */
  readonly url: string;
  /** How many arguments the constructor got (1: no subprotocol). */
  readonly constructorArgs: number;
  /** Virtual times at which pings were sent. */
  readonly pings: number[];
  /** How it was closed: 'close <code>' or 'terminate'. */
  readonly closedBy: string[];
  /** Virtual times of the calls in `closedBy`. */
  readonly closedAt: number[];
  /** Listeners currently attached (event target and ping/pong). */
  listenerCount(): number;
  /** The event type of every listener currently attached, sorted (one entry per listener). */
  listenerTypes(): string[];
}

/** A WebSocket class whose sockets follow `script` on `scheduler`; `sockets` lists every socket made. */
export function virtualWebSocket(
  scheduler: SchedulerLike,
  script: VirtualScript,
): { WebSocket: WebSocketConstructor; sockets: VirtualSocket[] } {
  const sockets: VirtualSocket[] = [];

  class Virtual implements VirtualSocket {
    readyState: number = ReadyState.CONNECTING;
    binaryType = 'blob';
    readonly pings: number[] = [];
    readonly closedBy: string[] = [];
    readonly closedAt: number[] = [];
    readonly constructorArgs: number;
    private readonly listeners = new Map<string, Set<Listener>>();

    constructor(readonly url: string, ...rest: unknown[]) {
      this.constructorArgs = 1 + rest.length;
      sockets.push(this);
      if (script.openAfter !== undefined) {
        scheduler.schedule(() => {
          if (this.readyState !== ReadyState.CONNECTING) return;
          this.readyState = ReadyState.OPEN;
          this.emit('open', {});
        }, script.openAfter);
      }
      for (const [at, data] of script.frames ?? []) {
        scheduler.schedule(() => {
          if (this.readyState === ReadyState.OPEN) this.emit('message', { data });
        }, at - scheduler.now());
      }
      if (script.failAfter !== undefined) {
        scheduler.schedule(() => {
          if (this.readyState !== ReadyState.CONNECTING && this.readyState !== ReadyState.OPEN) return;
          this.emit('error', { message: 'read ECONNRESET' });
          this.finish(1006, true);
        }, script.failAfter);
      }
      if (script.closeAfter !== undefined) {
        scheduler.schedule(() => {
          if (this.readyState !== ReadyState.OPEN) return;
          this.readyState = ReadyState.CLOSED;
          this.emit('close', { code: 1000, reason: 'bye' });
        }, script.closeAfter);
      }
    }

    send(): void {}

    close(code?: number): void {
      this.closedBy.push(`close ${code ?? ''}`.trim());
      this.closedAt.push(scheduler.now());
      this.finish(code ?? 1005);
    }

    terminate(): void {
      this.closedBy.push('terminate');
      this.closedAt.push(scheduler.now());
      this.finish(1006);
    }

    ping(): void {
      this.pings.push(scheduler.now());
      if (scheduler.now() < (script.answerPingsUntil ?? Infinity)) {
        scheduler.schedule(() => this.emit('pong', undefined), 1);
      }
    }

    addEventListener(type: string, listener: Listener): void {
      this.on(type, listener);
    }

    removeEventListener(type: string, listener: Listener): void {
      this.off(type, listener);
    }

    on(type: string, listener: Listener): this {
      const set = this.listeners.get(type) ?? new Set();
      set.add(listener);
      this.listeners.set(type, set);
      return this;
    }

    off(type: string, listener: Listener): this {
      this.listeners.get(type)?.delete(listener);
      return this;
    }

    listenerCount(): number {
      return this.listenerTypes().length;
    }

    listenerTypes(): string[] {
      const types: string[] = [];
      for (const [type, set] of this.listeners) for (let i = 0; i < set.size; i += 1) types.push(type);
      return types.sort();
    }

    /**
     * Like ws: the close event comes 1 ms later; aborting a CONNECTING socket (by close or
     * terminate) reports an error first. A socket that already failed (`failAfter`) just closes.
     */
    private finish(code: number, failed = false): void {
      if (this.readyState === ReadyState.CLOSED || this.readyState === ReadyState.CLOSING) return;
      const wasConnecting = this.readyState === ReadyState.CONNECTING && !failed;
      this.readyState = ReadyState.CLOSING;
      scheduler.schedule(() => {
        if (wasConnecting) this.emit('error', { message: 'WebSocket was closed before the connection was established' });
        this.readyState = ReadyState.CLOSED;
        this.emit('close', { code: wasConnecting ? 1006 : code, reason: '' });
      }, 1);
    }

    private emit(type: 'open' | 'pong', event: unknown): void;
    private emit(type: 'message', event: SocketMessageEvent): void;
    private emit(type: 'close', event: SocketCloseEvent): void;
    private emit(type: 'error', event: SocketErrorEvent): void;
    private emit(type: string, event: unknown): void {
      const set = this.listeners.get(type);
      if (type === 'error' && (set === undefined || set.size === 0)) {
        throw new Error('unhandled error event (a real ws socket would crash the process)');
      }
      for (const listener of [...(set ?? [])]) (listener as (event: unknown) => void)(event);
    }
  }

  return { WebSocket: Virtual, sockets };
}
