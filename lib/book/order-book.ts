import type { PriceLevel } from '../codecs/index.js';
import { compareDecimal, midDecimal, subtractDecimal } from '../decimals/index.js';
import { DecodeError, quoteFrame } from '../errors/index.js';
import { BookSide, parsePrice, type BookLevel } from './book-side.js';

/** A full book to load: a `markets/depth` entry or the REST latest depth. */
export interface FullBook {
  /** Bids (any order). */
  readonly buy: readonly PriceLevel[];
  /** Asks (any order). */
  readonly sell: readonly PriceLevel[];
  /** The sequence number the book is valid at. */
  readonly sequenceNumber: string;
}

/** A depth update: changed levels with absolute volumes, chained by sequence numbers. */
export interface BookUpdate {
  /** Changed bids. */
  readonly buy: readonly PriceLevel[];
  /** Changed asks. */
  readonly sell: readonly PriceLevel[];
  /** This update's number. */
  readonly sequenceNumber: string;
  /** The number of the market's previous update ("0" after a node restart). */
  readonly previousSequenceNumber: string;
}

/** What {@link OrderBook.applyUpdate} did with an update. */
export type UpdateOutcome = 'applied' | 'stale' | 'gap';

/** An immutable picture of a book at one sequence number. */
export interface BookView {
  /** Bids, best (highest) first, at most the configured depth. */
  readonly bids: readonly BookLevel[];
  /** Asks, best (lowest) first, at most the configured depth. */
  readonly asks: readonly BookLevel[];
  /** The best bid, when there are bids. */
  readonly bestBid: BookLevel | undefined;
  /** The best ask, when there are asks. */
  readonly bestAsk: BookLevel | undefined;
  /** Best ask minus best bid (exact decimal; negative when crossed), when both sides exist. */
  readonly spread: string | undefined;
  /** The mid price (exact decimal), when both sides exist. */
  readonly mid: string | undefined;
  /** The sequence number the book is valid at. */
  readonly sequenceNumber: string;
}

/**
 * A market's order book kept from a full book and chained depth updates, following
 * PROTOCOL.md section 5: updates at or below the book's sequence number are stale and
 * ignored; the next applied update must name the last applied number as its previous one,
 * otherwise it is a gap and the book must be reloaded from a fresh full book.
 */
export class OrderBook {
  private readonly buy = new BookSide('buy');
  private readonly sell = new BookSide('sell');
  private sequence = '0';
  private loaded = false;
  /** Parsed prices and keys of the levels being applied (reused: no allocation per update). */
  private readonly prices: string[] = [];
  private readonly keys: number[] = [];

  /** True once a full book has been loaded. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** The sequence number of the last full book or applied update. */
  get sequenceNumber(): string {
    return this.sequence;
  }

  /**
   * Replace the whole book with a full book (levels without volume are left out). A price that
   * is not a decimal string is a DecodeError, thrown before anything changes.
   */
  load(book: FullBook): void {
    const sells = this.parsePrices(book.buy, 'full book', 'buy', 0);
    this.parsePrices(book.sell, 'full book', 'sell', sells);
    this.buy.clear();
    this.sell.clear();
    this.buy.applyParsed(book.buy, this.prices, this.keys, 0);
    this.sell.applyParsed(book.sell, this.prices, this.keys, sells);
    this.sequence = book.sequenceNumber;
    this.loaded = true;
  }

  /** Forget the book (it must be loaded again before updates apply). */
  reset(): void {
    this.buy.clear();
    this.sell.clear();
    this.sequence = '0';
    this.loaded = false;
  }

  /**
   * Apply one update: `'stale'` (already covered by the book, ignored), `'applied'`, or
   * `'gap'` (its previous number is not the book's: nothing applied, reload the book).
   * An update before any full book is a gap. A price that is not a decimal string is a
   * DecodeError, thrown before anything changes.
   */
  applyUpdate(update: BookUpdate): UpdateOutcome {
    if (!this.loaded) return 'gap';
    if (compareDecimal(update.sequenceNumber, this.sequence) <= 0) return 'stale';
    if (update.previousSequenceNumber !== this.sequence) return 'gap';
    const sells = this.parsePrices(update.buy, UPDATES_ROUTE, 'buy', 0);
    this.parsePrices(update.sell, UPDATES_ROUTE, 'sell', sells);
    this.buy.applyParsed(update.buy, this.prices, this.keys, 0);
    this.sell.applyParsed(update.sell, this.prices, this.keys, sells);
    this.sequence = update.sequenceNumber;
    return 'applied';
  }

  /**
   * Parse the prices of some levels into `prices`/`keys` from `at` (all before anything changes),
   * or throw a DecodeError naming the first that is not a decimal string. Returns the next index.
   */
  private parsePrices(levels: readonly PriceLevel[], route: string, side: 'buy' | 'sell', at: number): number {
    for (let i = 0; i < levels.length; i++) {
      const price = (levels[i] as PriceLevel).price;
      try {
        parsePrice(price, this.prices, this.keys, at + i);
      } catch {
        throw new DecodeError(route, `${side}[${i}].price`, 'a decimal price string', quoteFrame(String(price)));
      }
    }
    return at + levels.length;
  }

  /** An immutable view of the book, each side cut to `depth` levels. */
  view(depth = Infinity): BookView {
    const bestBid = this.buy.best();
    const bestAsk = this.sell.best();
    const both = bestBid !== undefined && bestAsk !== undefined;
    return {
      bids: this.buy.snapshot(depth),
      asks: this.sell.snapshot(depth),
      bestBid,
      bestAsk,
      spread: both ? subtractDecimal(bestAsk.price, bestBid.price) : undefined,
      mid: both ? midDecimal(bestBid.price, bestAsk.price) : undefined,
      sequenceNumber: this.sequence,
    };
  }
}

const UPDATES_ROUTE = '/api/v2/stream/markets/depth/updates';
