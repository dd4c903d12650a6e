import { filter, map, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import type { FullBook } from '../book/index.js';
import type { VegaClient } from '../client/index.js';
import { orderBook, type OrderBookState } from './order-book.js';
import { retryBackoff, type RetryBackoffConfig } from './retry-backoff.js';

/** Configuration of {@link marketBook}. */
export interface MarketBookConfig {
  /** Emit at most this many levels a side. Default: all. */
  readonly depth?: number;
  /**
   * Where a full book comes from, for the first load and every resync: `'rest'` (default) GETs
   * the latest depth at once; `'depth'` waits for the market's next `markets/depth` frame (no
   * HTTP needed, but a quiet market shows nothing until it changes).
   */
  readonly resyncFrom?: 'rest' | 'depth';
  /**
   * Reconnect settings for both sockets (the updates and the full book); `false` lets errors
   * through. Default `{}`: retryBackoff's defaults, rotating across the client's nodes.
   */
  readonly retry?: RetryBackoffConfig | false;
}

/**
 * A market's order book kept in sync, self-healing: depth updates over one socket, a full book
 * for the first load and after any sequence gap (REST by default), and reconnects with backoff
 * on both. A dropped socket costs nothing when the next update still chains, and a resync
 * otherwise (`resynced: true`). Only errors that a retry cannot cure (a bad market id, a
 * decode error) or retries running out reach the subscriber.
 *
 * @example
 * marketBook(client, marketId, { depth: 10, retry: { status: (s) => console.log(s.type) } })
 *   .subscribe((book) => console.log(book.sequenceNumber, book.bestBid?.price, book.bestAsk?.price));
 */
export function marketBook(client: VegaClient, marketId: string, config: MarketBookConfig = {}): Observable<OrderBookState> {
  const { depth, resyncFrom = 'rest', retry = {} } = config;
  if (resyncFrom !== 'rest' && resyncFrom !== 'depth') {
    throw new RangeError(`marketBook: resyncFrom must be 'rest' or 'depth', got ${JSON.stringify(resyncFrom)}.`);
  }
  const reconnect = <T>(): MonoTypeOperatorFunction<T> =>
    retry === false ? (source) => source : retryBackoff<T>({ nodes: client, ...retry });
  const fullBook = (): Observable<FullBook> =>
    resyncFrom === 'rest'
      ? client.latestMarketDepth(marketId).pipe(reconnect())
      : client.marketsDepth({ marketIds: [marketId] }).pipe(
          map((frame) => frame.marketDepth.find((book) => book.marketId === marketId)),
          filter((book): book is NonNullable<typeof book> => book !== undefined),
          reconnect(),
        );
  return client
    .marketsDepthUpdates({ marketIds: [marketId] })
    .pipe(reconnect(), orderBook({ marketId, fullBook, ...(depth !== undefined && { depth }) }));
}
