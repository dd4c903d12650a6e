import { auditTime, buffer, connect, filter, map, merge, mergeMap, scan, share, tap, type Observable } from 'rxjs';
import type { VegaClient } from '../../lib/client/index.js';
import type { ObserveTradesResponse } from '../../lib/codecs/index.js';
import { batchByBlock, blockTimeOf, marketBook, retryBackoff, type Block } from '../../lib/operators/index.js';
import { EMPTY_CARRY, foldBlock, type MarketCarry, type MarketEvent, type MarketInfo, type MarketRow } from './market-row.js';
import type { StatusBoard } from './status.js';

/** Levels a side each book keeps. */
export const BOOK_DEPTH = 5;

/**
 * A block closes this many milliseconds after its first event: the book update and the trades
 * of a block come on two sockets within a few milliseconds (trade blocks close after
 * {@link TRADES_QUIET_MS}), and blocks are at least 500 ms apart.
 */
export const BLOCK_WINDOW_MS = 250;

/** A block of trades closes after this many milliseconds without a trade frame. */
export const TRADES_QUIET_MS = 100;

/** The status-board name of a market's book stream. */
export const bookStream = (market: MarketInfo): string => `book ${market.name}`;

/** The status-board name of the shared trades stream. */
export const TRADES_STREAM = 'trades';

/**
 * The main job's pipeline: each market's book kept in sync (marketBook, depth {@link BOOK_DEPTH})
 * and the markets' trades (one socket, batched per block), merged into one row per block per
 * market. Every stream reconnects with backoff and reports its connection status on `board`.
 */
export function marketRows(client: VegaClient, markets: readonly MarketInfo[], board: StatusBoard): Observable<MarketRow> {
  const tradeBlocks = client.trades({ marketIds: markets.map((market) => market.id) }).pipe(
    retryBackoff({ nodes: client, status: board.reporter(TRADES_STREAM) }),
    tap(() => board.set(TRADES_STREAM, 'connected')),
    batchByBlock({ blockTime: blockTimeOf.trades, quietMs: TRADES_QUIET_MS }),
    share(),
  );
  return merge(...markets.map((market) => oneMarket(client, market, board, tradeBlocks)));
}

/** The rows of one market. */
function oneMarket(
  client: VegaClient,
  market: MarketInfo,
  board: StatusBoard,
  tradeBlocks: Observable<Block<ObserveTradesResponse>>,
): Observable<MarketRow> {
  const stream = bookStream(market);
  const books: Observable<MarketEvent> = marketBook(client, market.id, { depth: BOOK_DEPTH, retry: { status: board.reporter(stream) } }).pipe(
    tap((state) => board.set(stream, state.resynced ? 'resynced' : 'connected')),
    map((state) => ({ kind: 'book', state })),
  );
  const trades: Observable<MarketEvent> = tradeBlocks.pipe(
    map((block) => ({ kind: 'trades' as const, time: block.time, trades: block.values.flatMap((frame) => frame.trades.filter((trade) => trade.marketId === market.id)) })),
    filter((event) => event.trades.length > 0),
  );
  return merge(books, trades).pipe(
    connect((events) => events.pipe(buffer(events.pipe(auditTime(BLOCK_WINDOW_MS))))),
    filter((events) => events.length > 0),
    scan<readonly MarketEvent[], { carry: MarketCarry; row: MarketRow | undefined }>(
      ({ carry }, events) => foldBlock(market, carry, events, { book: board.get(stream), trades: board.get(TRADES_STREAM) }),
      { carry: EMPTY_CARRY, row: undefined },
    ),
    mergeMap(({ row }) => (row ? [row] : [])),
  );
}
