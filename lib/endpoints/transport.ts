import type { Observable } from 'rxjs';
import { socketFrames, type RawFrame, type SocketOptions } from '../socket/index.js';
import { httpGet, type HttpResponse } from './http-get.js';

/**
 * How a client reaches a data node: websocket frames for the stream routes and plain GETs for
 * the few REST routes it uses (a book resync). The default speaks to real sockets; the
 * testing kit swaps in one driven by marble observables, so everything above it runs unchanged.
 */
export interface Transport {
  /** The frames of one websocket URL (cold: subscribing opens the socket). */
  frames(url: string, options: SocketOptions): Observable<RawFrame>;
  /** One HTTP GET (cold: subscribing sends it, unsubscribing aborts it). */
  get(url: string): Observable<HttpResponse>;
}

/** Real sockets ({@link socketFrames}) and the runtime's `fetch`. */
export const defaultTransport: Transport = {
  frames: socketFrames,
  get: httpGet,
};
