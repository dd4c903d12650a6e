import { OrderStatus, OrderTimeInForce, OrderType, Side } from '../../codecs/index.js';
import type { MarketDepth, MarketDepthUpdate, Order, PriceLevel } from '../../codecs/index.js';
import { depthSequenceNumber } from './event-sequence.js';
import { MarketDepthBook, toPriceLevel } from './market-depth-book.js';

const MARKET = OrderType.TYPE_MARKET;
const FOK = OrderTimeInForce.TIME_IN_FORCE_FOK;
const IOC = OrderTimeInForce.TIME_IN_FORCE_IOC;
const UNSPECIFIED = OrderStatus.STATUS_UNSPECIFIED;
const BUY = Side.SIDE_BUY;

/** What the depth routes publish at the end of a block. */
export interface DepthPublication {
  /** The full book of each market whose book changed (`markets/depth`), by sequence number. */
  readonly depths: MarketDepth[];
  /** One update per changed market (`markets/depth/updates`), same order and sequence numbers. */
  readonly updates: MarketDepthUpdate[];
}

/**
 * The data node's market-depth service (a port of v0.79 `datanode/service/market_depth.go`): it
 * keeps a {@link MarketDepthBook} per market from the order events and publishes, at the end of
 * each block, the full book and the changed levels of every market whose book changed.
 *
 * Sequence numbers: each depth-relevant order event gets `blockTime truncated to µs + event
 * sequence`; a market's number is that of its last such event, so it is global across markets and
 * increasing; the depth frame and the update frame of a block carry it; `previousSequenceNumber`
 * is the market's last published number (0 for its first update). Market orders, IOC/FOK orders
 * and orders without a status are ignored, as is an event older than the last one applied.
 */
export class MarketDepthService {
  private readonly books = new Map<string, MarketDepthBook>();
  private sequenceNumber = 0n;
  /** The block time of the last order event and its truncation to µs (the same for a whole block). */
  private blockTimeNs = 0n;
  private blockStartNs = 0n;

  /** Applies one order event of a block (`AddOrder`). */
  addOrder(order: Order, blockTimeNs: bigint, sequence: bigint): void {
    if (order.type === MARKET || order.timeInForce === FOK || order.timeInForce === IOC) return;
    if (order.status === UNSPECIFIED) return;
    if (blockTimeNs !== this.blockTimeNs) {
      this.blockTimeNs = blockTimeNs;
      this.blockStartNs = depthSequenceNumber(blockTimeNs, 0n);
    }
    const seq = this.blockStartNs + sequence;
    if (this.sequenceNumber > seq) return; // older than the current depth
    this.sequenceNumber = seq;
    const book = this.bookFor(order.marketId);
    book.addOrderUpdate(order);
    book.sequenceNumber = seq;
  }

  /**
   * End of block (`PublishAtEndOfBlock`): the depth and update of every changed market, in
   * increasing sequence-number order (the real node iterates a Go map, so any order is faithful;
   * this one keeps the block's numbers increasing in publication order).
   */
  publish(): DepthPublication {
    const depths: MarketDepth[] = [];
    const updates: MarketDepthUpdate[] = [];
    const changed = [...this.books.values()]
      .filter((book) => book.changes.length > 0)
      .sort((a, b) => (a.sequenceNumber < b.sequenceNumber ? -1 : a.sequenceNumber > b.sequenceNumber ? 1 : 0));
    for (const book of changed) {
      const buy: PriceLevel[] = [];
      const sell: PriceLevel[] = [];
      for (const level of book.changes) (level.side === BUY ? buy : sell).push(toPriceLevel(level));
      updates.push({
        marketId: book.marketId,
        buy,
        sell,
        sequenceNumber: book.sequenceNumber.toString(),
        previousSequenceNumber: book.previousSequenceNumber.toString(),
      });
      depths.push(book.toMarketDepth());
      book.changes = [];
      book.previousSequenceNumber = book.sequenceNumber;
    }
    return { depths, updates };
  }

  /**
   * The current book of a market with its sequence number, as REST
   * `GET /api/v2/market/depth/{marketId}/latest` (`maxDepth` levels a side when > 0); a market
   * without orders has an empty book and sequence number 0.
   */
  depth(marketId: string, maxDepth = 0): MarketDepth {
    const book = this.books.get(marketId);
    if (!book) return { marketId, buy: [], sell: [], sequenceNumber: '0' };
    return book.toMarketDepth(maxDepth);
  }

  /** The book of a market, if it ever had an order event. */
  book(marketId: string): MarketDepthBook | undefined {
    return this.books.get(marketId);
  }

  private bookFor(marketId: string): MarketDepthBook {
    let book = this.books.get(marketId);
    if (!book) {
      book = new MarketDepthBook(marketId);
      book.sequenceNumber = this.sequenceNumber;
      this.books.set(marketId, book);
    }
    return book;
  }
}
