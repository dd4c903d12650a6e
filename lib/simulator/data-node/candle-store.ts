import type { Candle, Trade } from '../../codecs/index.js';
import { CANDLE_INTERVALS, candleId } from '../../wire/candle-id.js';
import type { CandleInterval } from '../../wire/candle-id.js';
import { Decimal } from './decimal.js';
import { truncateToMicros } from './event-sequence.js';

/**
 * TimescaleDB's default `time_bucket` origin, 2000-01-03T00:00:00Z (a Monday), in ns: buckets of
 * a day or less are aligned as on the Unix epoch, `7_days` buckets start on Mondays.
 */
export const CANDLE_ORIGIN_NS = 946_857_600n * 1_000_000_000n;

const NS_PER_SECOND = 1_000_000_000n;
const CANDLE_ID = /^trades_candle_(.+)_([^_]+)$/;

/** Every candle interval, `block` first. */
export const CANDLE_INTERVAL_NAMES = Object.keys(CANDLE_INTERVALS) as CandleInterval[];

/** Bucket width in ns of each interval of {@link CANDLE_INTERVAL_NAMES} (0 for `block`). */
const WIDTHS_NS: readonly bigint[] = CANDLE_INTERVAL_NAMES.map((interval) =>
  interval === 'block' ? 0n : BigInt(CANDLE_INTERVALS[interval]) * NS_PER_SECOND,
);

function bucketStartOfWidth(timeNs: bigint, width: bigint): bigint {
  const offset = timeNs - CANDLE_ORIGIN_NS;
  const floor = offset >= 0n ? offset / width : -((-offset + width - 1n) / width);
  return CANDLE_ORIGIN_NS + floor * width;
}

/** The start (ns) of the interval bucket holding `timeNs` (`time_bucket`); not for `block`. */
export function bucketStart(timeNs: bigint, interval: Exclude<CandleInterval, 'block'>): bigint {
  return bucketStartOfWidth(timeNs, BigInt(CANDLE_INTERVALS[interval]) * NS_PER_SECOND);
}

/** A candle id's interval and market, or undefined when it is not a trades candle id. */
export function parseCandleId(id: string): { interval: CandleInterval; marketId: string } | undefined {
  const match = CANDLE_ID.exec(id);
  if (!match) return undefined;
  const interval = match[1] as string;
  if (!(interval in CANDLE_INTERVALS)) return undefined;
  return { interval: interval as CandleInterval, marketId: match[2] as string };
}

/** One aggregated candle (a row of a `trades_candle_*` view). */
interface CandleRow {
  readonly start: bigint;
  lastUpdate: bigint;
  readonly open: Decimal;
  close: Decimal;
  high: Decimal;
  low: Decimal;
  volume: bigint;
  notional: Decimal;
}

/** A candle that changed in a block, with its candle id. */
export interface CandleUpdate {
  /** `trades_candle_<interval>_<marketId>`. */
  readonly candleId: string;
  /** The candle after the block. */
  readonly candle: Candle;
}

/** Range of {@link DataNode.candles}, in ns. */
export interface CandleRange {
  /** First bucket start included; default: the first candle. */
  readonly fromNs?: bigint;
  /** Bucket starts must be below this; default: up to and including the last candle. */
  readonly toNs?: bigint;
}

function toCandle(row: CandleRow): Candle {
  return {
    start: row.start.toString(),
    lastUpdate: row.lastUpdate.toString(),
    high: row.high.toString(),
    low: row.low.toString(),
    open: row.open.toString(),
    close: row.close.toString(),
    volume: row.volume.toString(),
    notional: row.notional.toString(),
  };
}

/** `value.toString()` memoised on the last value (Decimals are immutable; bigints compare by value). */
class TextMemo<T extends bigint | Decimal> {
  private value: T | undefined;
  private text = '';

  of(value: T): string {
    if (value !== this.value) {
      this.value = value;
      this.text = value.toString();
    }
    return this.text;
  }
}

/**
 * {@link toCandle} for the candles a block changed: a trade updates a market's candle of every
 * interval with the same price and time, so the candles printed one after the other share most
 * of their values (same Decimal, same bigint) and print them once.
 */
class CandlePrinter {
  private readonly start = new TextMemo<bigint>();
  private readonly lastUpdate = new TextMemo<bigint>();
  private readonly high = new TextMemo<Decimal>();
  private readonly low = new TextMemo<Decimal>();
  private readonly open = new TextMemo<Decimal>();
  private readonly close = new TextMemo<Decimal>();

  print(row: CandleRow): Candle {
    return {
      start: this.start.of(row.start),
      lastUpdate: this.lastUpdate.of(row.lastUpdate),
      high: this.high.of(row.high),
      low: this.low.of(row.low),
      open: this.open.of(row.open),
      close: this.close.of(row.close),
      volume: row.volume.toString(),
      notional: row.notional.toString(),
    };
  }
}

/** A gap candle: only `start` and `lastUpdate` (carried forward) are set. */
function gapCandle(start: bigint, lastUpdate: bigint): Candle {
  return {
    start: start.toString(),
    lastUpdate: lastUpdate.toString(),
    high: '',
    low: '',
    open: '',
    close: '',
    volume: '0',
    notional: '0',
  };
}

/**
 * Trade candles per market and interval, as the data node's `trades_candle_<interval>` views:
 * a trade's time is `blockTime + sequence µs` (its `synthetic_time`), truncated to µs as Postgres
 * stores it; a bucket is `time_bucket(interval, synthetic_time)` (the block time for `block`);
 * open/close are the first/last trade prices, high/low the extremes, volume the sum of sizes,
 * notional the sum of price × size (market decimals + position decimals), `lastUpdate` the last
 * trade's synthetic time. Queries fill gaps as the real query does (`time_bucket_gapfill` with
 * `lastUpdate` carried forward, `start` when nothing precedes it in the range); `block` candles
 * are not gap filled.
 */
export class CandleStore {
  /** candle id -> rows sorted by start. */
  private readonly rows = new Map<string, CandleRow[]>();
  /** market id -> its candle ids. */
  private readonly ids = new Map<string, readonly string[]>();
  /** {@link parseCandleId} of the candle ids {@link currentCandle} was asked for that have rows. */
  private readonly parsedIds = new Map<string, { interval: CandleInterval; marketId: string } | null>();
  /** market id -> the rows of its candle ids, in {@link CANDLE_INTERVAL_NAMES} order (the same arrays as in {@link rows}). */
  private readonly rowsByMarket = new Map<string, CandleRow[][]>();
  /** Per interval, the last bucket computed: consecutive trades mostly fall in the same one. */
  private readonly lastBuckets = WIDTHS_NS.map(() => ({ from: 0n, to: 0n }));
  private readonly printer = new CandlePrinter();

  /** Adds a trade of a block; returns the ids of the candles it changed. */
  addTrade(trade: Trade, blockTimeNs: bigint, sequence: bigint): readonly string[] {
    const blockStart = truncateToMicros(blockTimeNs);
    const syntheticTime = blockStart + sequence * 1000n;
    const price = Decimal.parse(trade.price);
    const size = BigInt(trade.size || '0');
    const notional = price.mul(Decimal.of(size));
    const ids = this.idsOf(trade.marketId);
    const rows = this.rowsOf(trade.marketId);
    for (let i = 0; i < rows.length; i++) {
      const start = i === 0 ? blockStart : this.bucketOf(i, syntheticTime);
      addToRow(rows[i] as CandleRow[], start, syntheticTime, price, size, notional);
    }
    return ids;
  }

  /** {@link bucketStart} of interval `i` of {@link CANDLE_INTERVAL_NAMES}, from the last bucket when it holds `timeNs`. */
  private bucketOf(i: number, timeNs: bigint): bigint {
    const last = this.lastBuckets[i] as { from: bigint; to: bigint };
    if (timeNs >= last.from && timeNs < last.to) return last.from;
    const width = WIDTHS_NS[i] as bigint;
    const start = bucketStartOfWidth(timeNs, width);
    last.from = start;
    last.to = start + width;
    return start;
  }

  /**
   * The candles of a candle id in a range, gap filled (see the class doc); [] for a market without
   * trades; undefined for a malformed candle id.
   */
  candles(id: string, range: CandleRange = {}): Candle[] | undefined {
    const parsed = parseCandleId(id);
    if (!parsed) return undefined;
    const rows = this.rows.get(id) ?? [];
    if (rows.length === 0) return [];
    const from = range.fromNs ?? (rows[0] as CandleRow).start;
    const inRange = (start: bigint): boolean =>
      start >= from && (range.toNs === undefined ? start <= (rows[rows.length - 1] as CandleRow).start : start < range.toNs);
    if (parsed.interval === 'block') return rows.filter((row) => inRange(row.start)).map(toCandle);

    const interval = parsed.interval;
    const width = BigInt(CANDLE_INTERVALS[interval]) * NS_PER_SECOND;
    const byStart = new Map(rows.map((row) => [row.start, row]));
    const end = range.toNs ?? (rows[rows.length - 1] as CandleRow).start + 1n;
    const out: Candle[] = [];
    let carried: bigint | undefined;
    for (let start = bucketStart(from, interval); start < end; start += width) {
      const row = start >= from ? byStart.get(start) : undefined;
      if (row) {
        carried = row.lastUpdate;
        out.push(toCandle(row));
      } else {
        out.push(gapCandle(start, carried ?? start));
      }
    }
    return out;
  }

  /**
   * The current candle of a candle id: the last candle up to `nowNs` (a gap candle when the
   * current bucket has no trade yet), or the last candle when `nowNs` is absent; undefined when the
   * market has no trade or the id is malformed.
   */
  currentCandle(id: string, nowNs?: bigint): Candle | undefined {
    const rows = this.rows.get(id);
    if (!rows || rows.length === 0) return undefined;
    let parsed = this.parsedIds.get(id); // only ids with rows are cached (a bounded set)
    if (parsed === undefined) {
      parsed = parseCandleId(id) ?? null;
      this.parsedIds.set(id, parsed);
    }
    if (!parsed) return undefined;
    const last = rows[rows.length - 1] as CandleRow;
    if (nowNs === undefined || parsed.interval === 'block') return this.printer.print(last);
    const candles = this.candles(id, { fromNs: last.start, toNs: nowNs + 1n });
    return candles?.[candles.length - 1] ?? toCandle(last);
  }

  /** The candle ids of a market, one per interval in {@link CANDLE_INTERVAL_NAMES} order (cached). */
  private idsOf(marketId: string): readonly string[] {
    let ids = this.ids.get(marketId);
    if (!ids) {
      ids = CANDLE_INTERVAL_NAMES.map((interval) => candleId(marketId, interval));
      this.ids.set(marketId, ids);
    }
    return ids;
  }

  /** The rows of a market's candle ids, one list per interval in {@link CANDLE_INTERVAL_NAMES} order (created empty). */
  private rowsOf(marketId: string): CandleRow[][] {
    let rows = this.rowsByMarket.get(marketId);
    if (!rows) {
      rows = this.idsOf(marketId).map((id) => {
        let list = this.rows.get(id);
        if (!list) this.rows.set(id, (list = []));
        return list;
      });
      this.rowsByMarket.set(marketId, rows);
    }
    return rows;
  }
}

/** Adds a trade to the row of its bucket `start` in a candle id's rows (sorted by start). */
function addToRow(rows: CandleRow[], start: bigint, time: bigint, price: Decimal, size: bigint, notional: Decimal): void {
  let i = rows.length;
  while (i > 0 && (rows[i - 1] as CandleRow).start > start) i--;
  const existing = i > 0 ? rows[i - 1] : undefined;
  if (existing && existing.start === start) {
    if (time >= existing.lastUpdate) {
      existing.close = price;
      existing.lastUpdate = time;
    }
    if (price.cmp(existing.high) > 0) existing.high = price;
    if (price.cmp(existing.low) < 0) existing.low = price;
    existing.volume += size;
    existing.notional = existing.notional.add(notional);
    return;
  }
  rows.splice(i, 0, {
    start,
    lastUpdate: time,
    open: price,
    close: price,
    high: price,
    low: price,
    volume: size,
    notional,
  });
}
