import type { Trade } from '../../lib/codecs/index.js';
import type { MarketDecimals, OrderBookState } from '../../lib/operators/index.js';
import { addDecimal } from '../../lib/decimals/index.js';
import type { StreamStatus } from './status.js';

/** A market the job follows: its id, a display name and its decimals when known. */
export interface MarketInfo {
  /** The market id. */
  readonly id: string;
  /** The instrument's code or name, or the short id when unknown. */
  readonly name: string;
  /** Price and size scaling, when the market's decimal places are known (else raw values are shown). */
  readonly decimals: MarketDecimals | undefined;
}

/** What happened in a market: a new book state, or its trades of one block. */
export type MarketEvent =
  | { readonly kind: 'book'; readonly state: OrderBookState }
  | { readonly kind: 'trades'; readonly time: string | undefined; readonly trades: readonly Trade[] };

/** One block of one market, as printed (prices and sizes scaled when the decimals are known). */
export interface MarketRow {
  /** The market id. */
  readonly market: string;
  /** The market's display name. */
  readonly name: string;
  /** The book's sequence number, null before the first book. */
  readonly sequenceNumber: string | null;
  /** The block time (ns) of the market's last trades, null before any. */
  readonly blockTime: string | null;
  /** Best bid price. */
  readonly bestBid: string | null;
  /** Best ask price. */
  readonly bestAsk: string | null;
  /** Best ask minus best bid, exactly. */
  readonly spread: string | null;
  /** The mid price, exactly. */
  readonly mid: string | null;
  /** The price of the last trade seen. */
  readonly lastTrade: string | null;
  /** The volume traded in this block (since the previous row of the market). */
  readonly volume: string;
  /** The connection status of the market's book and trades streams. */
  readonly status: { readonly book: StreamStatus; readonly trades: StreamStatus };
}

/** What a market's rows carry from one block to the next (in raw units). */
export interface MarketCarry {
  readonly book: OrderBookState | undefined;
  readonly blockTime: string | undefined;
  readonly lastTrade: string | undefined;
}

/** The carry before any event. */
export const EMPTY_CARRY: MarketCarry = { book: undefined, blockTime: undefined, lastTrade: undefined };

/**
 * Fold one block's events of a market into the carry, and the row of that block: the latest
 * book, the last trade, and the volume of the block's trades.
 */
export function foldBlock(
  market: MarketInfo,
  carry: MarketCarry,
  events: readonly MarketEvent[],
  status: MarketRow['status'],
): { readonly carry: MarketCarry; readonly row: MarketRow } {
  let { book, blockTime, lastTrade } = carry;
  let volume = '0';
  for (const event of events) {
    if (event.kind === 'book') {
      book = event.state;
      continue;
    }
    blockTime = event.time ?? blockTime;
    for (const trade of event.trades) {
      lastTrade = trade.price;
      volume = addDecimal(volume, trade.size);
    }
  }
  const price = (raw: string | undefined): string | null => (raw === undefined ? null : market.decimals ? market.decimals.price(raw) : raw);
  const row: MarketRow = {
    market: market.id,
    name: market.name,
    sequenceNumber: book?.sequenceNumber ?? null,
    blockTime: blockTime ?? null,
    bestBid: price(book?.bestBid?.price),
    bestAsk: price(book?.bestAsk?.price),
    spread: price(book?.spread),
    mid: price(book?.mid),
    lastTrade: price(lastTrade),
    volume: market.decimals ? market.decimals.size(volume) : volume,
    status,
  };
  return { carry: { book, blockTime, lastTrade }, row };
}
