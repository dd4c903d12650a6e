// A seeded, realistic sequence of order-book depth updates for one market, for benchmarks.
import type { MarketDepthUpdate, PriceLevel } from '../../lib/codecs/index.js';
import type { FullBook } from '../../lib/book/index.js';
import { seededRandom } from '../../lib/testing/seeded-random.js';

/** Options of {@link depthSequence}. */
export interface DepthSequenceOptions {
  /** Seed of the generator: the same seed gives the same sequence. */
  readonly seed: number;
  /** Levels a side of the initial book, and the size each side is kept around. */
  readonly levelsPerSide: number;
  /** Generate updates until at least this many level changes (buy + sell entries) exist. */
  readonly minLevelUpdates: number;
}

/** One price level as numbers: price, volume, number of orders. */
export type NumericLevel = readonly [price: number, volume: number, count: number];

/** The generated book and updates, with the book the updates lead to. */
export interface DepthSequence {
  /** The market id every update carries. */
  readonly marketId: string;
  /** The full book the updates start from (a `markets/depth` entry). */
  readonly initial: FullBook;
  /** Chained depth updates, one per block, as the decoder gives them (string fields). */
  readonly updates: readonly MarketDepthUpdate[];
  /** Level changes in all updates (buy + sell entries). */
  readonly levelUpdates: number;
  /** The book after every update: bids best (highest) first, asks best (lowest) first. */
  readonly final: { readonly bids: readonly NumericLevel[]; readonly asks: readonly NumericLevel[] };
}

const MARKET_ID = 'a'.repeat(64);
/** Price step in market units (a market with 4 price decimals and a 0.01 tick). */
const TICK = 100;
const START_MID = 34_567_800;

/** One side of the generator's own book: prices best first, and volume/count by price. */
interface SideModel {
  readonly prices: number[];
  readonly levels: Map<number, { volume: number; count: number }>;
  /** True for bids: better prices are higher. */
  readonly bid: boolean;
  /** Prices changed in the update being generated. */
  readonly touched: Set<number>;
}

/**
 * Generate one market's initial book and a chain of depth updates: each update is one block and
 * changes a handful of levels (mostly absolute volume changes at existing prices, biased toward
 * the touch; some levels removed with volume "0", some new prices added; touch events that trade
 * through the best level or improve inside the spread, so the mid random-walks; now and then the
 * same price twice in one update, the last one winning). Deterministic for a seed.
 */
export function depthSequence(options: DepthSequenceOptions): DepthSequence {
  const random = seededRandom(options.seed);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  /** An index biased toward the touch (exponential, mean ~40), below `size`. */
  const nearTouch = (size: number): number => Math.min(size - 1, Math.floor(-Math.log(1 - random()) * 40));
  const volume = (): number => Math.max(1, Math.round(Math.exp(random() * Math.log(5_000_000))));

  const bids: SideModel = { prices: [], levels: new Map(), bid: true, touched: new Set() };
  const asks: SideModel = { prices: [], levels: new Map(), bid: false, touched: new Set() };
  let bidPrice = START_MID - TICK;
  let askPrice = START_MID + TICK;
  for (let i = 0; i < options.levelsPerSide; i++) {
    bids.prices.push(bidPrice);
    bids.levels.set(bidPrice, { volume: volume(), count: int(1, 20) });
    asks.prices.push(askPrice);
    asks.levels.set(askPrice, { volume: volume(), count: int(1, 20) });
    bidPrice -= TICK * int(1, 3);
    askPrice += TICK * int(1, 3);
  }
  const initial: FullBook = {
    buy: bids.prices.map((p) => wireLevel(p, bids.levels.get(p)?.volume ?? 0, bids.levels.get(p)?.count ?? 0)),
    sell: asks.prices.map((p) => wireLevel(p, asks.levels.get(p)?.volume ?? 0, asks.levels.get(p)?.count ?? 0)),
    sequenceNumber: '1712345678000000',
  };

  /** Set a level in the model and record the change. */
  const change = (side: SideModel, out: PriceLevel[], price: number, vol: number, count: number): void => {
    const at = findIndex(side, price);
    const exists = side.prices[at] === price;
    if (vol === 0) {
      if (exists) {
        side.prices.splice(at, 1);
        side.levels.delete(price);
      }
    } else {
      if (!exists) side.prices.splice(at, 0, price);
      side.levels.set(price, { volume: vol, count });
    }
    side.touched.add(price);
    out.push(wireLevel(price, vol, vol === 0 ? 0 : count));
  };

  /** An existing price near the touch that this update has not changed yet (a few tries). */
  const untouched = (side: SideModel): number | undefined => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const price = side.prices[nearTouch(side.prices.length)] as number;
      if (!side.touched.has(price)) return price;
    }
    return undefined;
  };

  /** A free price on `side` next to index `at` (between it and the next worse level), or beyond the book. */
  const freePrice = (side: SideModel, at: number): number | undefined => {
    const dir = side.bid ? -1 : 1;
    const here = side.prices[at];
    const next = side.prices[at + 1];
    if (here === undefined) return undefined;
    if (next === undefined) return here + dir * TICK * int(1, 3);
    const gap = Math.abs(next - here) / TICK;
    return gap >= 2 ? here + dir * TICK * int(1, gap - 1) : undefined;
  };

  const updates: MarketDepthUpdate[] = [];
  let levelUpdates = 0;
  let sequence = Number(initial.sequenceNumber);
  let trendUp = true;
  const target = options.levelsPerSide;
  while (levelUpdates < options.minLevelUpdates) {
    const buy: PriceLevel[] = [];
    const sell: PriceLevel[] = [];
    if (random() < 0.02) trendUp = !trendUp;
    bids.touched.clear();
    asks.touched.clear();
    const changes = int(2, 10);
    for (let c = 0; c < changes; c++) {
      const isBid = random() < 0.5;
      const side = isBid ? bids : asks;
      const out = isBid ? buy : sell;
      const best = side.prices[0] as number;
      const kind = random();
      const tooBig = side.prices.length > target + 10;
      const tooSmall = side.prices.length < target - 10;
      if (kind < 0.08) {
        // Touch event: a new best level inside a wide spread or on the trend's side, else the
        // best level traded through on the other side; so the mid random-walks with the trend.
        const spreadTicks = ((asks.prices[0] as number) - (bids.prices[0] as number)) / TICK;
        if (spreadTicks > 3 || (isBid === trendUp && spreadTicks >= 2)) {
          const steps = int(1, Math.min(2, spreadTicks - 1));
          change(side, out, isBid ? best + TICK * steps : best - TICK * steps, volume(), int(1, 5));
        } else if (isBid !== trendUp && side.prices.length > 2) {
          change(side, out, best, 0, 0);
        } else {
          const level = side.levels.get(best) as { volume: number; count: number };
          change(side, out, best, volume(), level.count);
        }
      } else if ((kind < 0.76 && !tooBig && !tooSmall) || (kind < 0.82 && (tooBig || tooSmall))) {
        // Absolute volume change at an existing price.
        const price = untouched(side);
        if (price === undefined) continue;
        const level = side.levels.get(price) as { volume: number; count: number };
        const vol = Math.max(1, Math.round(level.volume * (0.4 + random() * 1.2)));
        const count = Math.max(1, level.count + (random() < 0.3 ? int(-1, 1) : 0));
        change(side, out, price, vol, count);
      } else if ((kind < 0.89 && !tooSmall) || tooBig) {
        // A level removed (near the touch, or the deepest one when the side is too long).
        const price = tooBig ? side.prices[side.prices.length - 1] : untouched(side);
        if (price !== undefined) change(side, out, price, 0, 0);
      } else {
        // A new price level between existing ones (or beyond the deepest one).
        const price = freePrice(side, nearTouch(side.prices.length));
        if (price !== undefined) change(side, out, price, volume(), int(1, 8));
      }
    }
    // Now and then the same price twice in one update: the last entry wins.
    if (random() < 0.03 && buy.length > 0) {
      const price = Number((buy[0] as PriceLevel).price);
      if (bids.levels.has(price)) change(bids, buy, price, volume(), int(1, 8));
    }
    if (buy.length + sell.length === 0) continue;
    const previous = sequence;
    sequence += int(1, 5);
    updates.push({ marketId: MARKET_ID, buy, sell, sequenceNumber: String(sequence), previousSequenceNumber: String(previous) });
    levelUpdates += buy.length + sell.length;
  }
  const numeric = (side: SideModel): NumericLevel[] =>
    side.prices.map((p) => {
      const level = side.levels.get(p) as { volume: number; count: number };
      return [p, level.volume, level.count];
    });
  return { marketId: MARKET_ID, initial, updates, levelUpdates, final: { bids: numeric(bids), asks: numeric(asks) } };
}

/** A level as the decoder gives it (every field a string). */
function wireLevel(price: number, volume: number, count: number): PriceLevel {
  return { price: String(price), numberOfOrders: String(count), volume: String(volume), ammVolume: '0', ammVolumeEstimated: '0' };
}

/** The index of `price` in the side, or where it would be inserted. */
function findIndex(side: SideModel, price: number): number {
  const prices = side.prices;
  let low = 0;
  let high = prices.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const better = side.bid ? (prices[mid] as number) > price : (prices[mid] as number) < price;
    if (better) low = mid + 1;
    else high = mid;
  }
  return low;
}
