import { defer, filter, identity, map, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import type { FullBook } from '../book/index.js';
import type { VegaClient } from '../client/index.js';
import type { ObserveMarketsDepthUpdatesResponse as MarketDepthUpdatesFrame } from '../codecs/index.js';
import { SequenceGapError } from '../errors/index.js';
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
 * otherwise (`resynced: true`). A book that cannot get back in sync (a SequenceGapError) starts
 * over after a backoff. Only errors that a retry cannot cure (a bad market id, a decode error)
 * or retries running out reach the subscriber.
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
  // The updates socket moves across the client's nodes; a full book is always fetched from the
  // node new sockets go to, and never rotates by itself, so that both come from one node.
  const { nodes: _rotation, ...fixedNode } = retry === false ? {} : retry;
  const reconnectUpdates: MonoTypeOperatorFunction<MarketDepthUpdatesFrame> =
    retry === false ? identity : retryBackoff({ nodes: client, ...retry });
  const reconnectFullBook: MonoTypeOperatorFunction<FullBook> = retry === false ? identity : retryBackoff(fixedNode);
  const fullBook = (): Observable<FullBook> =>
    resyncFrom === 'rest'
      ? client.latestMarketDepth(marketId).pipe(reconnectFullBook)
      : client.marketsDepth({ marketIds: [marketId] }).pipe(
          map((frame) => frame.marketDepth.find((book) => book.marketId === marketId)),
          filter((book): book is NonNullable<typeof book> => book !== undefined),
          reconnectFullBook,
        );
  const book = defer(() =>
    client
      .marketsDepthUpdates({ marketIds: [marketId] })
      .pipe(reconnectUpdates, orderBook({ marketId, fullBook, ...(depth !== undefined && { depth }) })),
  );
  // A book that could not get back in sync (SequenceGapError) starts over, after a backoff.
  return retry === false ? book : book.pipe(retryBackoff({ ...fixedNode, shouldRetry: (error) => error instanceof SequenceGapError }));
}
