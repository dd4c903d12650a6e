// A client-side order book built the way PROTOCOL.md section 5 says a client must: from a full
// book, then each update in order, checking the sequence-number chain.
import type { MarketDepth, MarketDepthUpdate, PriceLevel } from '../../../../lib/codecs/index.js';

interface ClientBook {
  sequenceNumber: bigint;
  buy: Map<string, PriceLevel>;
  sell: Map<string, PriceLevel>;
}

const levelsOf = (levels: readonly PriceLevel[]): Map<string, PriceLevel> => new Map(levels.map((l) => [l.price, l]));

/** Books per market, rebuilt from depth frames and updates; throws on a broken chain. */
export class BookReplayer {
  private readonly books = new Map<string, ClientBook>();

  /** True once a full book of the market was taken. */
  has(marketId: string): boolean {
    return this.books.has(marketId);
  }

  /** Starts (or restarts) a market from a full book. */
  takeFullBook(depth: MarketDepth): void {
    this.books.set(depth.marketId, {
      sequenceNumber: BigInt(depth.sequenceNumber),
      buy: levelsOf(depth.buy),
      sell: levelsOf(depth.sell),
    });
  }

  /** Starts a market from nothing (sequence 0), to apply every update from the first. */
  startEmpty(marketId: string): void {
    this.books.set(marketId, { sequenceNumber: 0n, buy: new Map(), sell: new Map() });
  }

  /** Applies an update: drops a stale one, requires the chain, sets absolute levels, removes empty ones. */
  applyUpdate(update: MarketDepthUpdate): 'applied' | 'stale' {
    const book = this.books.get(update.marketId);
    if (!book) throw new Error(`no full book for ${update.marketId}`);
    const seq = BigInt(update.sequenceNumber);
    if (seq <= book.sequenceNumber) return 'stale';
    if (BigInt(update.previousSequenceNumber) !== book.sequenceNumber) {
      throw new Error(`gap in ${update.marketId}: previous ${update.previousSequenceNumber}, book at ${book.sequenceNumber}`);
    }
    for (const [side, levels] of [[book.buy, update.buy], [book.sell, update.sell]] as const) {
      for (const level of levels) {
        if (level.volume === '0') side.delete(level.price);
        else side.set(level.price, level);
      }
    }
    book.sequenceNumber = seq;
    return 'applied';
  }

  /** The book as a MarketDepth (buy descending, sell ascending). */
  depth(marketId: string): MarketDepth {
    const book = this.books.get(marketId);
    if (!book) throw new Error(`no book for ${marketId}`);
    const sorted = (levels: Map<string, PriceLevel>, descending: boolean): PriceLevel[] =>
      [...levels.values()].sort((a, b) => {
        const d = BigInt(a.price) - BigInt(b.price);
        const sign = d < 0n ? -1 : d > 0n ? 1 : 0;
        return descending ? -sign : sign;
      });
    return {
      marketId,
      buy: sorted(book.buy, true),
      sell: sorted(book.sell, false),
      sequenceNumber: book.sequenceNumber.toString(),
    };
  }
}
