// The order-book maintenance loops the order-book benchmark times: ours and ccxt's.
import { of, Subject } from 'rxjs';
import { OrderBook, type BookLevel } from '../../lib/book/index.js';
import type { MarketDepthUpdate, PriceLevel } from '../../lib/codecs/index.js';
import { orderBook, type OrderBookState } from '../../lib/operators/order-book.js';
import type { CcxtBookSide, CcxtCountedOrderBook, CcxtCountedOrderBookClass } from './ccxt-order-book.js';
import type { DepthSequence, NumericLevel } from './depth-sequence.js';

/** A book kept by one implementation, ready to compare with the expected final levels. */
export interface KeptBook {
  /** Bids, best first, as numbers. */
  bids(): NumericLevel[];
  /** Asks, best first, as numbers. */
  asks(): NumericLevel[];
}

/** One implementation under test: load the initial book, then apply every update. */
export interface BookRunner {
  /** The row label. */
  readonly name: string;
  /** Levels a side the returned book keeps (the rest are not compared); default all. */
  readonly depth?: number;
  /**
   * Load a fresh book and apply every update; when `latencies` is given, the time of each update
   * (ns, hrtime around its application) is written to it. Returns the book and a value derived
   * from the work (so it cannot be optimised away).
   */
  run(latencies?: Float64Array): { book: KeptBook; sink: number };
}

/** Updates pre-parsed to numbers: per update, flat `[price, volume, count, …]` rows per side. */
interface ParsedUpdate {
  readonly buy: Float64Array;
  readonly sell: Float64Array;
}

/**
 * vega-streams' OrderBook: `load` then `applyUpdate` per update, optionally taking a
 * `view(depth)` after each one as the orderBook operator does per block (`viewDepth` undefined:
 * no view; Infinity: every level, the operator's default).
 */
export function oursRunner(sequence: DepthSequence, name: string, viewDepth?: number): BookRunner {
  const { initial, updates } = sequence;
  return {
    name,
    run(latencies) {
      const book = new OrderBook();
      book.load(initial);
      let sink = 0;
      for (let i = 0; i < updates.length; i++) {
        const update = updates[i] as MarketDepthUpdate;
        const start = latencies ? process.hrtime.bigint() : 0n;
        if (book.applyUpdate(update) !== 'applied') throw new Error(`update ${update.sequenceNumber} did not apply`);
        if (viewDepth !== undefined) sink += book.view(viewDepth).bids.length;
        if (latencies) latencies[i] = Number(process.hrtime.bigint() - start);
      }
      const view = book.view();
      return { book: { bids: () => numeric(view.bids), asks: () => numeric(view.asks) }, sink: sink + view.bids.length };
    },
  };
}

/**
 * The orderBook operator end to end: a Subject of depth updates piped through
 * `orderBook({ depth })` (full book from `of(initial)`), one `next` per update; the latency is
 * hrtime around each `next`, which returns once the state for that block has been emitted.
 */
export function operatorRunner(sequence: DepthSequence, name: string, depth: number): BookRunner {
  const { initial, updates, marketId } = sequence;
  return {
    name,
    depth,
    run(latencies) {
      const input = new Subject<MarketDepthUpdate>();
      let last: OrderBookState | undefined;
      let emitted = 0;
      const subscription = input.pipe(orderBook({ marketId, depth, fullBook: () => of(initial) })).subscribe((state) => {
        last = state;
        emitted++;
      });
      for (let i = 0; i < updates.length; i++) {
        const start = latencies ? process.hrtime.bigint() : 0n;
        input.next(updates[i] as MarketDepthUpdate);
        if (latencies) latencies[i] = Number(process.hrtime.bigint() - start);
      }
      subscription.unsubscribe();
      if (last === undefined || emitted !== updates.length + 1) throw new Error(`orderBook emitted ${emitted} states for ${updates.length} updates`);
      const state = last;
      return { book: { bids: () => numeric(state.bids), asks: () => numeric(state.asks) }, sink: emitted };
    },
  };
}

function numeric(levels: readonly BookLevel[]): NumericLevel[] {
  return levels.map((l) => [Number(l.price), Number(l.volume), Number(l.numberOfOrders)]);
}

/**
 * ccxt's CountedOrderBook: `storeArray([price, volume, count])` per level, bids and asks. With
 * `parse`, each level's strings are parsed (parseFloat, parseFloat, parseInt) in the loop, as a
 * ccxt user fed by Vega's strings must; without it, numbers parsed beforehand are used (a fresh
 * row array is still built per level, since ccxt keeps the array it is given).
 */
export function ccxtRunner(sequence: DepthSequence, CountedOrderBook: CcxtCountedOrderBookClass, name: string, parse: boolean): BookRunner {
  const { initial, updates } = sequence;
  const rows = (levels: readonly PriceLevel[]): number[][] => levels.map((l) => [parseFloat(l.price), parseFloat(l.volume), parseInt(l.numberOfOrders, 10)]);
  const parsed: ParsedUpdate[] = updates.map((u) => ({ buy: Float64Array.from(rows(u.buy).flat()), sell: Float64Array.from(rows(u.sell).flat()) }));
  return {
    name,
    run(latencies) {
      const book = new CountedOrderBook({ bids: rows(initial.buy), asks: rows(initial.sell) });
      const { bids, asks } = book;
      for (let i = 0; i < updates.length; i++) {
        const start = latencies ? process.hrtime.bigint() : 0n;
        if (parse) {
          const update = updates[i] as MarketDepthUpdate;
          storeStrings(bids, update.buy);
          storeStrings(asks, update.sell);
        } else {
          const update = parsed[i] as ParsedUpdate;
          storeNumbers(bids, update.buy);
          storeNumbers(asks, update.sell);
        }
        if (latencies) latencies[i] = Number(process.hrtime.bigint() - start);
      }
      return { book: ccxtKept(book), sink: bids.length };
    },
  };
}

function storeStrings(side: CcxtBookSide, levels: readonly PriceLevel[]): void {
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j] as PriceLevel;
    side.storeArray([parseFloat(level.price), parseFloat(level.volume), parseInt(level.numberOfOrders, 10)]);
  }
}

function storeNumbers(side: CcxtBookSide, levels: Float64Array): void {
  for (let j = 0; j < levels.length; j += 3) side.storeArray([levels[j] as number, levels[j + 1] as number, levels[j + 2] as number]);
}

function ccxtKept(book: CcxtCountedOrderBook): KeptBook {
  const rows = (side: CcxtBookSide): NumericLevel[] => {
    const out: NumericLevel[] = [];
    for (let i = 0; i < side.length; i++) {
      const row = side[i] as readonly number[];
      out.push([row[0] as number, row[1] as number, row[2] as number]);
    }
    return out;
  };
  return { bids: () => rows(book.bids), asks: () => rows(book.asks) };
}

/**
 * The first difference between a kept book and the expected levels (the best `depth` of them a
 * side), or undefined when equal.
 */
export function bookDifference(book: KeptBook, expected: DepthSequence['final'], depth = Infinity): string | undefined {
  const best = (levels: readonly NumericLevel[]): readonly NumericLevel[] => (depth < levels.length ? levels.slice(0, depth) : levels);
  for (const [name, got, want] of [['bids', book.bids(), best(expected.bids)], ['asks', book.asks(), best(expected.asks)]] as const) {
    if (got.length !== want.length) return `${name}: ${got.length} levels, expected ${want.length}`;
    for (let i = 0; i < want.length; i++) {
      const g = got[i] as NumericLevel;
      const w = want[i] as NumericLevel;
      if (g[0] !== w[0] || g[1] !== w[1] || g[2] !== w[2]) return `${name}[${i}]: ${g.join('/')}, expected ${w.join('/')}`;
    }
  }
  return undefined;
}
