// The library's recent books by sequence number, to compare with the node's book at the same number.
import type { OrderBookState } from '../../lib/operators/index.js';
import { levelStrings } from './book-levels.js';
import type { NodeDepth } from './book-simulator-handle.js';

/** A book the library emitted, in printable form. */
interface KeptBook {
  readonly bids: readonly string[];
  readonly asks: readonly string[];
}

/** What comparing the library's book with the node's gave. */
export type BookCheck =
  | { readonly outcome: 'match'; readonly sequenceNumber: string; readonly levels: number }
  | { readonly outcome: 'mismatch'; readonly sequenceNumber: string; readonly detail: string }
  /** The library never emitted a book at that number (it moved past it, or not there in time). */
  | { readonly outcome: 'missed'; readonly sequenceNumber: string };

interface Waiter {
  readonly sequence: bigint;
  readonly resolve: (book: KeptBook | undefined) => void;
}

/**
 * Keeps the last `limit` books a `marketBook` subscription emitted, keyed by sequence number, so
 * that a book the node reports (taken at any moment, over IPC) can be compared with the
 * library's book at exactly that number, whether the library got there before or after.
 */
export class BookHistory {
  private readonly books = new Map<string, KeptBook>();
  private latest = -1n;
  private waiters: Waiter[] = [];

  /** @param limit books kept (the oldest go first). */
  constructor(private readonly limit = 500) {}

  /** Keep a book the library emitted. */
  record(book: OrderBookState): void {
    const kept: KeptBook = { bids: levelStrings(book.bids), asks: levelStrings(book.asks) };
    this.books.set(book.sequenceNumber, kept);
    if (this.books.size > this.limit) this.books.delete(this.books.keys().next().value as string);
    const sequence = BigInt(book.sequenceNumber);
    if (sequence > this.latest) this.latest = sequence;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.sequence === sequence) waiter.resolve(kept);
      else if (waiter.sequence < sequence) waiter.resolve(undefined); // moved past it without emitting it
      else return true;
      return false;
    });
  }

  /**
   * Compare the node's book with the library's book at the same sequence number, waiting up to
   * `timeoutMs` for the library to get there.
   */
  async check(node: NodeDepth, timeoutMs = 2_000): Promise<BookCheck> {
    const { sequenceNumber } = node;
    const mine = await this.at(sequenceNumber, timeoutMs);
    if (mine === undefined) return { outcome: 'missed', sequenceNumber };
    const bids = difference('bids', mine.bids, node.bids);
    const asks = difference('asks', mine.asks, node.asks);
    if (bids === undefined && asks === undefined) return { outcome: 'match', sequenceNumber, levels: mine.bids.length + mine.asks.length };
    return { outcome: 'mismatch', sequenceNumber, detail: [bids, asks].filter((d) => d !== undefined).join('; ') };
  }

  /** The library's book at a sequence number: kept, or the next one emitted, within the timeout. */
  private at(sequenceNumber: string, timeoutMs: number): Promise<KeptBook | undefined> {
    const kept = this.books.get(sequenceNumber);
    const sequence = BigInt(sequenceNumber);
    if (kept !== undefined || sequence <= this.latest) return Promise.resolve(kept);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, timeoutMs);
      const waiter: Waiter = {
        sequence,
        resolve: (book) => {
          clearTimeout(timer);
          resolve(book);
        },
      };
      this.waiters.push(waiter);
    });
  }
}

/** The first difference between two sides, or undefined when they are equal. */
function difference(side: string, library: readonly string[], node: readonly string[]): string | undefined {
  if (library.length === node.length && library.every((level, i) => level === node[i])) return undefined;
  const i = library.findIndex((level, j) => level !== node[j]);
  const at = i < 0 ? library.length : i;
  return `${side}: library ${library.length} levels, node ${node.length}; first difference at level ${at}: library ${library[at] ?? '-'}, node ${node[at] ?? '-'}`;
}
