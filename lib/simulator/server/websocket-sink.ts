import type { WebSocket } from 'ws';
import { goJson } from '../../codecs/runtime/index.js';
import { LIMITS, type FrameSink } from './frame-sink.js';

/** How the sink reacts to a frame over the limit or a client that does not keep up. */
export interface WebSocketSinkOptions {
  /** Frames of this many bytes or more drop the connection. Default {@link LIMITS.maxFrameBytes}. */
  readonly maxFrameBytes?: number;
  /** Queued bytes beyond which the client is dropped with `slowConsumerFrame`. Default {@link LIMITS.slowConsumerBytes}. */
  readonly slowConsumerBytes?: number;
  /** The error frame sent to a client that does not keep up. */
  readonly slowConsumerFrame: object;
}

/** How long an error frame may wait behind a client's unread queue before the connection is dropped anyway. */
const FAIL_FLUSH_MS = 5_000;

/** A {@link FrameSink} over one server-side websocket. */
export class WebSocketSink implements FrameSink {
  private gone = false;
  private readonly closeListeners: Array<() => void> = [];

  private stalled = false;
  /** True while the TCP socket is corked until the end of the current tick. */
  private corked = false;

  constructor(
    private readonly socket: WebSocket,
    /** The connection's TCP socket, paused to stall it (and corked while a block's frames are written, when it can be). */
    private readonly tcp: { pause(): unknown; cork?(): void; uncork?(): void },
    private readonly options: WebSocketSinkOptions,
  ) {
    socket.on('close', () => this.ended());
    socket.on('error', () => this.drop());
  }

  get closed(): boolean {
    return this.gone;
  }

  send(message: object): boolean {
    return this.sendText(goJson(message));
  }

  sendText(text: string): boolean {
    if (this.gone) return false;
    if (this.stalled) return true;
    const maxFrameBytes = this.options.maxFrameBytes ?? LIMITS.maxFrameBytes;
    // A UTF-16 unit is at most 3 UTF-8 bytes: a short text needs no byte count.
    if (text.length * 3 >= maxFrameBytes && Buffer.byteLength(text) >= maxFrameBytes) {
      this.drop();
      return false;
    }
    if (this.socket.bufferedAmount > (this.options.slowConsumerBytes ?? LIMITS.slowConsumerBytes)) {
      this.fail(this.options.slowConsumerFrame);
      return false;
    }
    this.corkUntilNextTick();
    this.socket.send(text);
    return true;
  }

  /**
   * Frames sent in the same tick (a block's frames) leave in one TCP write instead of one write
   * each: the socket is corked on the first and uncorked once the tick's synchronous work is done.
   * The bytes and their order are unchanged.
   */
  private corkUntilNextTick(): void {
    if (this.corked || !this.tcp.cork || !this.tcp.uncork) return;
    this.corked = true;
    this.tcp.cork();
    process.nextTick(() => {
      this.corked = false;
      this.tcp.uncork?.();
    });
  }

  fail(errorFrame: object): void {
    if (this.gone) return;
    // The subscription ends now; the frame goes out behind whatever is queued, then the TCP
    // connection is destroyed without a close frame, as the node does. A client that never
    // reads it is dropped after FAIL_FLUSH_MS all the same.
    this.ended();
    const timer = setTimeout(() => this.socket.terminate(), FAIL_FLUSH_MS);
    timer.unref();
    this.socket.send(goJson(errorFrame), () => {
      clearTimeout(timer);
      this.socket.terminate();
    });
  }

  drop(): void {
    this.socket.terminate();
    this.ended();
  }

  stall(): void {
    this.stalled = true;
    this.tcp.pause();
  }

  onClose(listener: () => void): void {
    if (this.gone) listener();
    else this.closeListeners.push(listener);
  }

  onMessage(listener: (text: string) => void): void {
    this.socket.on('message', (data, isBinary) => {
      if (!this.gone) listener(isBinary ? '' : data.toString());
    });
  }

  private ended(): void {
    if (this.gone) return;
    this.gone = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
