/**
 * A reference model of `orderBook`, written from PROTOCOL.md section 5 as docs/operators.md and
 * docs/reliability.md state it, with plain Maps and BigInt decimals (no code shared with
 * lib/book): load a full book, drop updates at or below its sequence number, apply an update
 * only when its previousSequenceNumber is the last applied number, otherwise reload a full book
 * while later updates wait. Levels without volume are removed; a price repeated in one update
 * takes its last value; a price that is not a decimal string ends the stream with a DecodeError.
 */

/** A level as the fuzz scenarios send it (and as the book emits it, price made canonical). */
export interface Level {
  readonly price: string;
  readonly volume: string;
  readonly numberOfOrders: string;
}

/** A depth update. */
export interface RefUpdate {
  readonly marketId: string;
  readonly sequenceNumber: string;
  readonly previousSequenceNumber: string;
  readonly buy: readonly Level[];
  readonly sell: readonly Level[];
}

/**
 * A full book, and how long the fake source takes to answer (0: synchronously). Its sequence
 * number is given, or `latest`: the node's last published number when the book is requested
 * (as a real node's REST answer would be).
 */
export interface RefFullBook {
  readonly sequenceNumber: string | 'latest';
  readonly buy: readonly Level[];
  readonly sell: readonly Level[];
  readonly delayMs: number;
}

/** A fuzz scenario for `orderBook`. */
export interface BookScenario {
  /** The k-th full-book request gets `books[min(k, length - 1)]`. */
  readonly books: readonly RefFullBook[];
  /** Depth-update frames: frame i carries `updates` and arrives at `at` ms; `latest` is the node's last number after it. */
  readonly frames: readonly { readonly at: number; readonly updates: readonly RefUpdate[]; readonly latest: string }[];
  /** The node's last number before any frame. */
  readonly initial: string;
  readonly depth: number | undefined;
  readonly maxReloadsInARow: number;
}

/** One state the model expects, in the shape `OrderBookState` has. */
export interface ExpectedBook {
  readonly bids: Level[];
  readonly asks: Level[];
  readonly bestBid: Level | undefined;
  readonly bestAsk: Level | undefined;
  readonly spread: string | undefined;
  readonly mid: string | undefined;
  readonly sequenceNumber: string;
  readonly marketId: string;
  readonly resynced: boolean;
  readonly resyncs: number;
}

/** The full book served for a request at virtual time `now`, its sequence number resolved. */
export function bookAt(scenario: BookScenario, request: number, now: number): RefFullBook {
  const book = scenario.books[Math.min(request, scenario.books.length - 1)] as RefFullBook;
  if (book.sequenceNumber !== 'latest') return book;
  let latest = scenario.initial;
  for (const frame of scenario.frames) if (frame.at <= now) latest = frame.latest;
  return { ...book, sequenceNumber: latest };
}

/** What the model expects of a whole run: the states, then possibly an error. */
export interface ExpectedRun {
  readonly states: ExpectedBook[];
  readonly error: 'DecodeError' | 'SequenceGapError' | undefined;
}

// ---------------------------------------------------------------------------------------------
// Exact decimals: value = n / 10^scale.

interface Dec {
  readonly n: bigint;
  readonly scale: number;
}

/** A decimal string as docs/operators.md accepts it: optional sign, digits, optional point and digits. */
export function parseDecimal(text: string): Dec | undefined {
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (match === null) return undefined;
  const [, sign = '', int = '', frac = ''] = match;
  if (int === '' && frac === '') return undefined;
  const n = BigInt(`${int || '0'}${frac}`);
  return { n: sign === '-' ? -n : n, scale: frac.length };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(scale - a.scale), b.n * 10n ** BigInt(scale - b.scale), scale];
}

function compare(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The canonical spelling: no leading zeros, no trailing fraction zeros, no "-0". */
export function canonical(d: Dec): string {
  let { n, scale } = d;
  while (scale > 0 && n % 10n === 0n) {
    n /= 10n;
    scale--;
  }
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

function minus(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return { n: x - y, scale };
}

function half(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return { n: (x + y) * 5n, scale: scale + 1 };
}

/** True for a volume that removes a level: "0" or any run of zeros (or nothing). */
function isZero(volume: string): boolean {
  return /^0*$/.test(volume);
}

// ---------------------------------------------------------------------------------------------

/** One side: canonical price -> level (Map insertion order is irrelevant; views sort). */
class RefSide {
  readonly levels = new Map<string, { dec: Dec; level: Level }>();

  constructor(private readonly best: 'highest' | 'lowest') {}

  set(dec: Dec, level: Level): void {
    const price = canonical(dec);
    if (isZero(level.volume)) this.levels.delete(price);
    else this.levels.set(price, { dec, level: { price, volume: level.volume, numberOfOrders: level.numberOfOrders } });
  }

  sorted(): Level[] {
    const sign = this.best === 'highest' ? -1 : 1;
    return [...this.levels.values()].sort((a, b) => sign * compare(a.dec, b.dec)).map((entry) => entry.level);
  }
}

class RefBook {
  bids = new RefSide('highest');
  asks = new RefSide('lowest');
  sequence = '0';

  /** Replace the book; false (nothing changed) when a price is not a decimal. */
  load(full: RefFullBook): boolean {
    const buy = parseAll(full.buy);
    const sell = parseAll(full.sell);
    if (buy === undefined || sell === undefined) return false;
    this.bids = new RefSide('highest');
    this.asks = new RefSide('lowest');
    full.buy.forEach((level, i) => this.bids.set(buy[i] as Dec, level));
    full.sell.forEach((level, i) => this.asks.set(sell[i] as Dec, level));
    this.sequence = full.sequenceNumber;
    return true;
  }

  apply(update: RefUpdate): 'applied' | 'stale' | 'gap' | 'malformed' {
    if (BigInt(update.sequenceNumber) <= BigInt(this.sequence)) return 'stale';
    if (BigInt(update.previousSequenceNumber) !== BigInt(this.sequence)) return 'gap';
    const buy = parseAll(update.buy);
    const sell = parseAll(update.sell);
    if (buy === undefined || sell === undefined) return 'malformed';
    update.buy.forEach((level, i) => this.bids.set(buy[i] as Dec, level));
    update.sell.forEach((level, i) => this.asks.set(sell[i] as Dec, level));
    this.sequence = update.sequenceNumber;
    return 'applied';
  }

  view(depth: number | undefined, marketId: string, resynced: boolean, resyncs: number): ExpectedBook {
    const bids = this.bids.sorted();
    const asks = this.asks.sorted();
    const bestBid = bids[0];
    const bestAsk = asks[0];
    const both = bestBid !== undefined && bestAsk !== undefined;
    const bid = both ? (parseDecimal(bestBid.price) as Dec) : undefined;
    const ask = both ? (parseDecimal(bestAsk.price) as Dec) : undefined;
    return {
      bids: depth === undefined ? bids : bids.slice(0, depth),
      asks: depth === undefined ? asks : asks.slice(0, depth),
      bestBid,
      bestAsk,
      spread: bid && ask ? canonical(minus(ask, bid)) : undefined,
      mid: bid && ask ? canonical(half(ask, bid)) : undefined,
      sequenceNumber: this.sequence,
      marketId,
      resynced,
      resyncs,
    };
  }
}

function parseAll(levels: readonly Level[]): Dec[] | undefined {
  const out: Dec[] = [];
  for (const level of levels) {
    const dec = parseDecimal(level.price);
    if (dec === undefined) return undefined;
    out.push(dec);
  }
  return out;
}

/**
 * Run the scenario through the model as a discrete-event simulation in virtual time: frames at
 * their times, full books `delayMs` after each request (synchronously for 0). Events at the same
 * time run in the order they were scheduled (the frames were all scheduled first, on subscribe),
 * as in rxjs's VirtualTimeScheduler.
 */
export function expectedBookRun(scenario: BookScenario, marketId: string): ExpectedRun {
  const states: ExpectedBook[] = [];
  let error: ExpectedRun['error'];
  const book = new RefBook();
  let waiting: RefUpdate[] | undefined = []; // defined while a full book loads
  let resyncs = 0;
  let reloadsInARow = 0;
  let requests = 0;
  let now = 0;
  const queue: { at: number; order: number; run: () => void }[] = scenario.frames.map((frame, i) => ({
    at: frame.at,
    order: i,
    run: () => {
      for (const update of frame.updates) {
        if (error !== undefined) return;
        onUpdate(update);
      }
    },
  }));
  let order = queue.length;

  const request = (): void => {
    const full = bookAt(scenario, requests++, now);
    if (full.delayMs === 0) arrived(full);
    else queue.push({ at: now + full.delayMs, order: order++, run: () => arrived(full) });
  };

  const arrived = (full: RefFullBook): void => {
    if (error !== undefined) return;
    if (!book.load(full)) {
      error = 'DecodeError';
      return;
    }
    const pending = waiting ?? [];
    waiting = undefined;
    const resynced = resyncs > 0;
    for (let i = 0; i < pending.length; i++) {
      const outcome = book.apply(pending[i] as RefUpdate);
      if (outcome === 'malformed') {
        error = 'DecodeError';
        return;
      }
      if (outcome === 'gap') return gap(pending.slice(i));
    }
    reloadsInARow = 0;
    states.push(book.view(scenario.depth, marketId, resynced, resyncs));
  };

  const gap = (pending: RefUpdate[]): void => {
    resyncs++;
    if (++reloadsInARow > scenario.maxReloadsInARow) {
      error = 'SequenceGapError';
      return;
    }
    waiting = pending;
    request();
  };

  const onUpdate = (update: RefUpdate): void => {
    if (update.marketId !== marketId) return;
    if (waiting !== undefined) {
      waiting.push(update);
      return;
    }
    const outcome = book.apply(update);
    if (outcome === 'malformed') error = 'DecodeError';
    else if (outcome === 'applied') {
      reloadsInARow = 0;
      states.push(book.view(scenario.depth, marketId, false, resyncs));
    } else if (outcome === 'gap') gap([update]);
  };

  request(); // on subscribe, after the updates are subscribed
  while (queue.length > 0 && error === undefined) {
    queue.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = queue.shift() as (typeof queue)[number];
    now = next.at;
    next.run();
  }
  return { states, error };
}
