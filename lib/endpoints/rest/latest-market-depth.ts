import type * as t from 'io-ts';
import { asyncScheduler, defer, map, throwError, timeout, type Observable } from 'rxjs';
import { PriceLevelCodec, TradeCodec, decodeOrThrow, quoteValue, type PriceLevel, type Trade } from '../../codecs/index.js';
import { message, protoString, repeated, uint64 } from '../../codecs/runtime/index.js';
import { BadRequestError, ConnectionError } from '../../errors/index.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../socket/options.js';
import { isVegaId } from '../../wire/index.js';
import { restUrl } from '../node-url.js';
import type { StreamContext } from '../stream-context.js';
import { restResult } from './rest-result.js';

/** The REST path of the latest full book of a market. */
export const LATEST_MARKET_DEPTH_PATH = '/api/v2/market/depth/{marketId}/latest';

/**
 * `GetLatestMarketDepthResponse`: a market's full book with the sequence number it is valid
 * at. Unlike a stream frame, it can be taken mid-block.
 */
export interface LatestMarketDepth {
  /** The market. */
  marketId: string;
  /** Bids, best first. */
  buy: PriceLevel[];
  /** Asks, best first. */
  sell: PriceLevel[];
  /** The market's last trade, when the node sent one. */
  lastTrade?: Trade;
  /** The sequence number the book is valid at (see PROTOCOL.md section 5). */
  sequenceNumber: string;
}

/** Codec of {@link LatestMarketDepth} (REST encoding: enum names, defaults and `null`s accepted). */
export const LatestMarketDepthCodec: t.Type<LatestMarketDepth, unknown, unknown> = message<LatestMarketDepth>(
  'v2GetLatestMarketDepthResponse',
  () => ({
    marketId: protoString,
    buy: repeated(PriceLevelCodec),
    sell: repeated(PriceLevelCodec),
    lastTrade: TradeCodec,
    sequenceNumber: uint64,
  }),
  [],
);

/** Options of {@link VegaClient.latestMarketDepth}. */
export interface LatestMarketDepthOptions {
  /** At most this many levels a side (the node's `maxDepth`); all when absent. */
  readonly maxDepth?: number;
}

/**
 * A cold Observable of one GET of a market's latest full book: emits it once and completes.
 * A malformed market id is refused with a BadRequestError on subscribe, before any request; a node error
 * is a DataNodeError, a network failure or no answer within the client's `connectTimeoutMs` a
 * ConnectionError (both retryable when transient).
 */
export function latestMarketDepth(
  marketId: string,
  context: StreamContext,
  options: LatestMarketDepthOptions = {},
): Observable<LatestMarketDepth> {
  return defer(() => getLatest(marketId, context, options));
}

function getLatest(marketId: string, context: StreamContext, options: LatestMarketDepthOptions): Observable<LatestMarketDepth> {
  const path = LATEST_MARKET_DEPTH_PATH.replace('{marketId}', marketId);
  if (!isVegaId(marketId)) {
    throw new BadRequestError(LATEST_MARKET_DEPTH_PATH, 'marketId', `must be 64 lowercase hex characters, got ${quoteValue(marketId)}`);
  }
  const { maxDepth } = options;
  if (maxDepth !== undefined && !(Number.isSafeInteger(maxDepth) && maxDepth > 0)) {
    throw new BadRequestError(LATEST_MARKET_DEPTH_PATH, 'maxDepth', `must be a positive integer, got ${String(maxDepth)}`);
  }
  const url = restUrl(context.node(), maxDepth === undefined ? path : `${path}?maxDepth=${maxDepth}`);
  const deadlineMs = context.socket.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const response = context.transport.get(url);
  // The client's connect deadline bounds the whole GET (0 disables it, as for sockets): a node
  // that accepts and never answers must not leave a book resync waiting for ever.
  const bounded =
    deadlineMs > 0
      ? response.pipe(
          timeout({
            first: deadlineMs,
            scheduler: context.socket.scheduler ?? asyncScheduler,
            with: () => throwError(() => new ConnectionError(url, 0, '', 'connect-timeout', `no response after ${deadlineMs} ms`)),
          }),
        )
      : response;
  return bounded.pipe(map((body) => decodeOrThrow(LatestMarketDepthCodec, restResult(body, url), LATEST_MARKET_DEPTH_PATH)));
}
