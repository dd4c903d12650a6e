import type { ServerResponse } from 'node:http';
import { goJson } from '../../codecs/runtime/index.js';
import type { FrameSink } from './frame-sink.js';

/**
 * A {@link FrameSink} over a plain HTTP GET of a stream route: a chunked `application/json`
 * response with one JSON line per message, as `curl` shows on a real node.
 */
export class NdjsonSink implements FrameSink {
  private gone = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly response: ServerResponse,
    /**
     * A client that leaves more than `slowConsumerBytes` unread gets `slowConsumerFrame` and is
     * dropped, as on websocket. (No 64 KiB line limit here: that is the websocket proxy's.)
     */
    private readonly limits: { readonly slowConsumerBytes: number; readonly slowConsumerFrame: object },
  ) {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    response.on('close', () => this.ended());
  }

  get closed(): boolean {
    return this.gone;
  }

  private stalled = false;

  send(message: object): boolean {
    return this.sendText(goJson(message));
  }

  sendText(text: string): boolean {
    if (this.gone) return false;
    if (this.stalled) return true;
    if (this.response.writableLength > this.limits.slowConsumerBytes) {
      this.fail(this.limits.slowConsumerFrame);
      return false;
    }
    this.response.write(`${text}\n`);
    return true;
  }

  fail(errorFrame: object): void {
    if (this.gone) return;
    this.response.end(`${goJson(errorFrame)}\n`);
    this.ended();
  }

  drop(): void {
    if (this.gone) return;
    this.response.destroy();
    this.ended();
  }

  onClose(listener: () => void): void {
    if (this.gone) listener();
    else this.closeListeners.push(listener);
  }

  stall(): void {
    this.stalled = true;
  }

  onMessage(): void {
    // A GET carries no client frames.
  }

  private ended(): void {
    if (this.gone) return;
    this.gone = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
