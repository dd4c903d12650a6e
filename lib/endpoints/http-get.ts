import { Observable } from 'rxjs';
import { ConnectionError } from '../errors/index.js';

/** The status and body text of an HTTP response. */
export interface HttpResponse {
  /** HTTP status code. */
  readonly status: number;
  /** The body as text. */
  readonly body: string;
}

/**
 * A cold Observable of one HTTP GET with the runtime's `fetch` (Node 18+ and browsers):
 * subscribing sends the request, unsubscribing aborts it. Emits the response once and
 * completes; a network failure is a retryable {@link ConnectionError} of phase `'connecting'`.
 * No socket is kept alive after the response.
 */
export function httpGet(url: string): Observable<HttpResponse> {
  return new Observable<HttpResponse>((subscriber) => {
    if (typeof fetch !== 'function') {
      subscriber.error(new TypeError('No fetch in this runtime: REST requests (a book resync from the REST route) need Node 18+ or a browser.'));
      return undefined;
    }
    const abort = new AbortController();
    // `connection: close`: a resync GET is rare, and a kept-alive socket would outlive the
    // subscription (Node's fetch keeps idle sockets for seconds). Browsers ignore the header.
    fetch(url, { signal: abort.signal, headers: { accept: 'application/json', connection: 'close' } })
      .then(async (response) => ({ status: response.status, body: await response.text() }))
      .then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          subscriber.error(new ConnectionError(url, 0, '', 'connecting', error instanceof Error ? error.message : String(error)));
        },
      );
    return () => abort.abort();
  });
}
