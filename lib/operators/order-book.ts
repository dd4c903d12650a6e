import { defer, Observable, Subscription, take, type OperatorFunction } from 'rxjs';
import { SequenceGapError } from '../errors/index.js';
import { OrderBook, type BookUpdate, type BookView, type FullBook } from '../book/index.js';
import type { MarketDepthUpdate, ObserveMarketsDepthUpdatesResponse } from '../codecs/index.js';

/** Configuration of {@link orderBook}. */
export interface OrderBookConfig {
  /** The market whose book to keep; updates of other markets are ignored. */
  readonly marketId: string;
  /**
   * A fresh full book of the market, as a cold Observable: subscribed for the first load and
   * again for each resync, and only its first value is used. Typically the REST latest depth
   * (`() => client.latestMarketDepth(id)`) or the next `markets/depth` frame of the market.
   */
  readonly fullBook: () => Observable<FullBook>;
  /** Emit at most this many levels a side (the book itself keeps every level). Default: all. */
  readonly depth?: number;
  /**
   * Updates kept while a full book loads; more is an error (the full book is not arriving).
   * Default 10 000.
   */
  readonly maxBuffered?: number;
  /**
   * Reloads in a row that end in a gap again before any update applies; more is an error
   * (the full-book source and the updates disagree). Default 10.
   */
  readonly maxReloadsInARow?: number;
}

/** The book of one market after a block, as {@link orderBook} emits it. */
export interface OrderBookState extends BookView {
  /** The market. */
  readonly marketId: string;
  /** True on the first state after a sequence gap forced a reload from a fresh full book. */
  readonly resynced: boolean;
  /** How many gap reloads happened so far in this subscription. */
  readonly resyncs: number;
}

/** What {@link orderBook} reads: depth-update frames, or single updates. */
export type DepthUpdateInput = ObserveMarketsDepthUpdatesResponse | MarketDepthUpdate;

/**
 * Keep one market's order book from its depth updates (PROTOCOL.md section 5). On subscribe
 * it buffers updates, loads a full book from `fullBook`, drops buffered updates at or below the
 * book's sequence number and applies the rest. Then each update must chain (its
 * `previousSequenceNumber` is the last applied `sequenceNumber`): stale updates are ignored,
 * and a gap reloads the book from a fresh full book (`resynced: true` on the next state).
 * Levels without volume are removed; prices are compared exactly as decimal strings.
 *
 * Emits the book (sorted levels, best bid/ask, spread, mid, sequence number) once per loaded
 * full book and once per applied update, i.e. once per block that changed the market.
 * Errors of the updates or of the full book pass through; put `retryBackoff` on both sources
 * (as {@link marketBook} does) so that a dropped socket costs at most a resync. A level whose
 * price is not a decimal fails the stream with a DecodeError before the book changes; a book
 * that cannot get back in sync (see `maxBuffered`, `maxReloadsInARow`) fails it with a
 * retryable SequenceGapError.
 *
 * @example
 * client.marketsDepthUpdates({ marketIds: [id] }).pipe(
 *   orderBook({ marketId: id, depth: 20, fullBook: () => client.latestMarketDepth(id) }),
 * ).subscribe((book) => console.log(book.bestBid?.price, book.bestAsk?.price));
 */
export function orderBook(config: OrderBookConfig): OperatorFunction<DepthUpdateInput, OrderBookState> {
  const { marketId, fullBook, depth = Infinity, maxBuffered = 10_000, maxReloadsInARow = 10 } = config;
  checkCount('depth', depth);
  checkCount('maxBuffered', maxBuffered);
  checkCount('maxReloadsInARow', maxReloadsInARow);
  return (source) =>
    new Observable<OrderBookState>((subscriber) => {
      const book = new OrderBook();
      let buffer: BookUpdate[] | undefined = []; // defined while a full book loads
      let loading: Subscription | undefined;
      let resyncs = 0;
      let reloadsInARow = 0;
      let loads = 0;
      const upstream = new Subscription();

      /** End with an error, the updates socket and any full-book request released first. */
      const fail = (error: unknown): void => {
        loading?.unsubscribe();
        upstream.unsubscribe();
        subscriber.error(error);
      };

      const emit = (resynced: boolean): void => {
        const view = book.view(depth); // fields copied one by one: a spread costs more than the update
        subscriber.next({
          bids: view.bids,
          asks: view.asks,
          bestBid: view.bestBid,
          bestAsk: view.bestAsk,
          spread: view.spread,
          mid: view.mid,
          sequenceNumber: view.sequenceNumber,
          marketId,
          resynced,
          resyncs,
        });
      };

      const load = (): void => {
        loading?.unsubscribe();
        loading = undefined;
        const generation = ++loads;
        let received = false;
        const request = defer(fullBook) // a factory that throws fails the stream
          .pipe(take(1))
          .subscribe({
            next: (full) => {
              received = true;
              try {
                loaded(full);
              } catch (error) {
                fail(error); // a price that is not a decimal
              }
            },
            error: (error: unknown) => fail(error),
            complete: () => {
              if (received) return;
              // A set-up mistake, not a loss of sync: not retryable, so it reaches the user.
              fail(new TypeError(`orderBook(${marketId}): the fullBook source completed without a book; give a fullBook that emits the market's book, e.g. () => client.latestMarketDepth(id).`));
            },
          });
        // A source that answered synchronously may have started another load already.
        if (generation === loads && !received) loading = request;
      };

      const loaded = (full: FullBook): void => {
        book.load(full);
        const waiting = buffer ?? [];
        buffer = undefined;
        const resynced = resyncs > 0;
        for (let i = 0; i < waiting.length; i++) {
          if (book.applyUpdate(waiting[i] as BookUpdate) === 'gap') {
            gap(waiting.slice(i));
            return;
          }
        }
        reloadsInARow = 0;
        emit(resynced);
      };

      /** A gap: reload, keeping the updates from the one that did not chain. */
      const gap = (pending: BookUpdate[]): void => {
        resyncs++;
        if (++reloadsInARow > maxReloadsInARow) {
          fail(new SequenceGapError(marketId, `${reloadsInARow} full books in a row did not chain with the depth updates (book at ${book.sequenceNumber}, next update's previous ${pending[0]?.previousSequenceNumber ?? '?'})`));
          return;
        }
        buffer = pending;
        load();
      };

      const onUpdate = (update: MarketDepthUpdate): void => {
        if (update.marketId !== marketId) return;
        if (buffer !== undefined) {
          if (buffer.length >= maxBuffered) {
            fail(new SequenceGapError(marketId, `${maxBuffered} depth updates arrived while the full book was loading (the full-book source is not answering; check it, or raise maxBuffered)`));
            return;
          }
          buffer.push(update);
          return;
        }
        const outcome = book.applyUpdate(update);
        if (outcome === 'applied') {
          reloadsInARow = 0;
          emit(false);
        } else if (outcome === 'gap') {
          gap([update]);
        }
      };

      subscriber.add(() => loading?.unsubscribe());
      subscriber.add(upstream);
      upstream.add(
        source.subscribe({
          next: (value) => {
            try {
              if (!('update' in value)) return onUpdate(value);
              for (const update of value.update) {
                onUpdate(update);
                if (subscriber.closed) return;
              }
            } catch (error) {
              fail(error); // a price that is not a decimal
            }
          },
          error: (error: unknown) => fail(error),
          complete: () => subscriber.complete(),
        }),
      );
      if (!subscriber.closed) load();
    });
}

function checkCount(name: string, value: number): void {
  if (!(value === Infinity || (Number.isSafeInteger(value) && value > 0))) {
    throw new RangeError(`orderBook: ${name} must be a positive integer, got ${String(value)}.`);
  }
}
