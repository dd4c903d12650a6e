/**
 * Shared fast-check arbitraries of the fuzz specs: valid frames built with the testing kit's
 * builders and encoded as the fake node sends them, the ways a frame gets broken (cut, flipped,
 * wrong types, huge numbers, unknown fields and enum numbers, deep nesting), book and orders
 * scenarios, and the prices, volumes and statuses they are made of.
 */
import fc from 'fast-check';
import {
  OrderStatus,
  Side,
  STREAM_ROUTES,
  type MarketDepthUpdate,
  type Order,
  type StreamRouteName,
} from '../../../lib/index.js';
import { encodeStream, goJson } from '../../../lib/codecs/index.js';
import {
  COUNTERPARTY_ID,
  DEFAULT_MARKET_ID,
  DEFAULT_PARTY_ID,
  SECOND_MARKET_ID,
  account,
  accountsSnapshot,
  accountsUpdates,
  channelClosedFrame,
  depth,
  depthFrame,
  depthUpdate,
  depthUpdatesFrame,
  errorFrame,
  marketData,
  marketsDataFrame,
  order,
  ordersSnapshot,
  ordersUpdates,
  position,
  positionsSnapshot,
  positionsUpdates,
  priceLevel,
  statusFrame,
  timeNs,
  tooManySubscriptionsFrame,
  trade,
  tradesFrame,
  vegaId,
} from '../../../lib/testing/index.js';
import {
  absentValue,
  cloneJson,
  isObject,
  messagesOf,
  parentOf,
  protoOf,
  refused,
  setOwn,
  sitesOf,
  tolerated,
  type AnyMessage,
  type Path,
} from './codecs.js';
import { canonical, parseDecimal, type BookScenario, type Level, type RefFullBook, type RefUpdate } from './reference-book.js';

/** The market the book specs keep; updates of the other one must be ignored. */
export const MARKET = DEFAULT_MARKET_ID;
export const OTHER_MARKET = SECOND_MARKET_ID;

// ---------------------------------------------------------------------------------------------
// Prices, volumes, sequence numbers

const integerPart: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('0', '1', '99', '100', '101', '99950', '100050', '100000') },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 999_999_999_999_999n }).map(String) }, // up to 15 digits
  { weight: 2, arbitrary: fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }).map(String) }, // around 2^53
  { weight: 2, arbitrary: fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }).map(String) }, // beyond 15 digits
);

/** A price in canonical form: integers of any size (mostly), some fractions, a few negatives. */
export const canonicalPrice: fc.Arbitrary<string> = fc
  .tuple(integerPart, fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,6}$/) }), fc.nat({ max: 19 }))
  .map(([int, frac, signPick]) => {
    const text = `${signPick === 0 ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
    return canonical(parseDecimal(text) as NonNullable<ReturnType<typeof parseDecimal>>);
  });

/** How a price is spelled on the wire: canonical, or another accepted spelling of the same value. */
export type Spelling = 'canonical' | 'leading-zeros' | 'trailing-zeros' | 'plus' | 'short-dot';

/** Mostly canonical, sometimes another spelling of the same value. */
export const spelling: fc.Arbitrary<Spelling> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Spelling>('canonical') },
  { weight: 1, arbitrary: fc.constantFrom<Spelling>('leading-zeros', 'trailing-zeros', 'plus', 'short-dot') },
);

/** `price` (canonical) spelled another accepted way: "007", "1.50", "+3", ".5", "7.". */
export function spell(price: string, how: Spelling): string {
  const negative = price.startsWith('-');
  const body = negative ? price.slice(1) : price;
  const sign = negative ? '-' : '';
  switch (how) {
    case 'leading-zeros':
      return `${sign}00${body}`;
    case 'trailing-zeros':
      return `${price}${price.includes('.') ? '00' : '.0'}`;
    case 'plus':
      return negative ? price : `+${price}`;
    case 'short-dot':
      return body.startsWith('0.') ? `${sign}${body.slice(1)}` : body.includes('.') ? price : `${price}.`;
    default:
      return price;
  }
}

/** Strings that are not decimal numbers. */
export const malformedPrice: fc.Arbitrary<string> = fc.constantFrom(
  '', 'abc', '1e5', ' 1', '1 ', '1,5', '0x1F', 'NaN', 'Infinity', '1.2.3', '--1', '+-1', '.', '-', '+', '١٢', '1_000', '½', '12a', '−5',
);

/** A level's volume as the node sends it (uint64): often "0" (removes the level), sometimes "00". */
export const volume: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('0') },
  { weight: 1, arbitrary: fc.constant('00') },
  { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 1_000_000n }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }).map(String) },
);

/** A level whose price comes from `pool` (so prices repeat), in some spelling. */
function levelFrom(pool: readonly string[]): fc.Arbitrary<Level> {
  return fc
    .record({ pick: fc.nat(), how: spelling, volume, orders: fc.bigInt({ min: 0n, max: 500n }) })
    .map(({ pick, how, volume, orders }) => ({ price: spell(pool[pick % pool.length] as string, how), volume, numberOfOrders: String(orders) }));
}

/** Levels of one side, prices from `pool`. */
function sideFrom(pool: readonly string[], maxLength: number): fc.Arbitrary<Level[]> {
  return fc.array(levelFrom(pool), { maxLength });
}

/** The levels with the one at `at` (modulo) given a malformed price, or one such level when there are none. */
function withMalformed(levels: Level[], at: number, price: string): Level[] {
  if (levels.length === 0) return [{ price, volume: '5', numberOfOrders: '1' }];
  const out = [...levels];
  const i = at % out.length;
  out[i] = { ...(out[i] as Level), price };
  return out;
}

/** Sequence numbers like the node's: derived from block time, beyond 2^53. */
const sequenceBase = fc.bigInt({ min: 1_700_000_000_000_000_000n, max: 1_700_000_000_001_000_000n });

// ---------------------------------------------------------------------------------------------
// Order book scenarios

type StepKind = 'chain' | 'stale' | 'gap' | 'restart' | 'other-market' | 'malformed';

const stepKind: fc.Arbitrary<StepKind> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<StepKind>('chain') },
  { weight: 2, arbitrary: fc.constant<StepKind>('stale') },
  { weight: 2, arbitrary: fc.constant<StepKind>('gap') },
  { weight: 1, arbitrary: fc.constant<StepKind>('restart') },
  { weight: 1, arbitrary: fc.constant<StepKind>('other-market') },
);

/**
 * Full books (the k-th request gets the k-th, the last one repeating; most carry the node's
 * latest sequence number at the request, some an older or newer one; some answer at once, some
 * after a delay while updates wait) and a run of depth-update frames over a small pool of
 * prices: chained updates, stale ones, gaps, a node restart (previous 0), another market's
 * updates, two updates in one frame, and in some scenarios an update (or a full book) with a
 * price that is not a decimal string.
 */
export const bookScenario: fc.Arbitrary<BookScenario> = fc
  .array(canonicalPrice, { minLength: 1, maxLength: 8 })
  .chain((pool) =>
    fc.record({
      base: sequenceBase,
      steps: fc.array(
        fc.record({
          kind: stepKind,
          delta: fc.bigInt({ min: 1n, max: 1_000n }),
          back: fc.nat(),
          buy: sideFrom(pool, 4),
          sell: sideFrom(pool, 4),
          bad: malformedPrice,
          badAt: fc.nat(),
          sameFrame: fc.nat({ max: 4 }).map((n) => n === 0),
        }),
        { maxLength: 24 },
      ),
      books: fc.array(
        fc.record({
          latest: fc.nat({ max: 3 }).map((n) => n > 0),
          seqPick: fc.nat(),
          buy: sideFrom(pool, 5),
          sell: sideFrom(pool, 5),
          delayMs: fc.constantFrom(0, 0, 5, 15, 25, 40),
          bad: fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: malformedPrice }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      depth: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      maxReloadsInARow: fc.integer({ min: 1, max: 10 }),
      // In about one scenario in five, one update has a price that is not a decimal string.
      malformedStep: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
    }),
  )
  .map(({ base, steps: drafts, books, depth, maxReloadsInARow, malformedStep }) => {
    const steps = drafts.map((step, i) =>
      malformedStep !== undefined && i === malformedStep % drafts.length ? { ...step, kind: 'malformed' as StepKind } : step,
    );
    let last = base;
    const seqs: bigint[] = [base];
    const frames: { at: number; updates: RefUpdate[]; latest: string }[] = [];
    for (const step of steps) {
      let marketId = MARKET;
      let seq: bigint;
      let prev: bigint;
      let { buy, sell } = step;
      switch (step.kind) {
        case 'stale':
          seq = seqs[step.back % seqs.length] as bigint;
          prev = seq - step.delta;
          break;
        case 'gap':
          prev = last + step.delta;
          seq = prev + step.delta;
          last = seq;
          break;
        case 'restart':
          prev = 0n;
          seq = last + step.delta;
          last = seq;
          break;
        case 'other-market':
          marketId = OTHER_MARKET;
          prev = last;
          seq = last + step.delta;
          break;
        case 'malformed':
          prev = last;
          seq = last + step.delta;
          last = seq;
          if (step.badAt % 2 === 0) buy = withMalformed(buy, step.badAt >> 1, step.bad);
          else sell = withMalformed(sell, step.badAt >> 1, step.bad);
          break;
        default:
          prev = last;
          seq = last + step.delta;
          last = seq;
      }
      seqs.push(seq);
      const update: RefUpdate = { marketId, sequenceNumber: String(seq), previousSequenceNumber: String(prev), buy, sell };
      const open = frames[frames.length - 1];
      if (step.sameFrame && open !== undefined) {
        open.updates.push(update);
        open.latest = String(last);
      } else frames.push({ at: 10 * (frames.length + 1), updates: [update], latest: String(last) });
    }
    const fullBooks: RefFullBook[] = books.map((b) => ({
      sequenceNumber: b.latest ? ('latest' as const) : String(seqs[b.seqPick % seqs.length]),
      buy: b.bad === undefined ? b.buy : withMalformed(b.buy, b.seqPick, b.bad),
      sell: b.sell,
      delayMs: b.delayMs,
    }));
    return { books: fullBooks, frames, initial: String(base), depth, maxReloadsInARow };
  });

/** A scenario update as the typed value the fake node encodes. */
export function typedUpdate(update: RefUpdate): MarketDepthUpdate {
  return depthUpdate({
    marketId: update.marketId,
    sequenceNumber: update.sequenceNumber,
    previousSequenceNumber: update.previousSequenceNumber,
    buy: update.buy.map((l) => priceLevel(l.price, l.volume, l.numberOfOrders)),
    sell: update.sell.map((l) => priceLevel(l.price, l.volume, l.numberOfOrders)),
  });
}

// ---------------------------------------------------------------------------------------------
// Orders scenarios

const ORDER_IDS = [0, 1, 2, 3, 4, 5].map((i) => vegaId(`fuzz order ${i}`));

/** The statuses that keep an order in the state (docs/operators.md: ACTIVE and PARKED). */
export const LIVE_STATUSES: ReadonlySet<number> = new Set([OrderStatus.STATUS_ACTIVE, OrderStatus.STATUS_PARKED]);

/** Order statuses, live ones more often, plus STATUS_UNSPECIFIED and a number the spec does not list. */
export const orderStatus: fc.Arbitrary<OrderStatus> = fc.constantFrom(
  OrderStatus.STATUS_ACTIVE,
  OrderStatus.STATUS_ACTIVE,
  OrderStatus.STATUS_ACTIVE,
  OrderStatus.STATUS_PARKED,
  OrderStatus.STATUS_PARKED,
  OrderStatus.STATUS_FILLED,
  OrderStatus.STATUS_CANCELLED,
  OrderStatus.STATUS_EXPIRED,
  OrderStatus.STATUS_STOPPED,
  OrderStatus.STATUS_REJECTED,
  OrderStatus.STATUS_PARTIALLY_FILLED,
  OrderStatus.STATUS_UNSPECIFIED,
  42 as OrderStatus,
);

interface OrderDraft {
  readonly id: number;
  readonly status: OrderStatus;
  readonly remaining: bigint;
  readonly side: boolean;
}

const orderDraft: fc.Arbitrary<OrderDraft> = fc.record({
  id: fc.nat({ max: ORDER_IDS.length - 1 }),
  status: orderStatus,
  remaining: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
  side: fc.boolean(),
});

/** An orders scenario: snapshot pages, then blocks of update frames (each order tagged by a unique `reference`). */
export interface OrdersScenario {
  readonly pages: Order[][];
  readonly blocks: { readonly time: string; readonly frames: Order[][]; readonly quietAfter: boolean }[];
}

/**
 * Snapshot pages (at least one) and blocks of updates. `uniqueSnapshotIds`: an order id appears
 * at most once in the whole snapshot, as the node sends it.
 */
export function ordersScenario(options: { uniqueSnapshotIds: boolean }): fc.Arbitrary<OrdersScenario> {
  return fc
    .record({
      pages: fc.array(fc.array(orderDraft, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      snapshotTimes: fc.boolean(),
      blocks: fc.array(
        fc.record({ frames: fc.array(fc.array(orderDraft, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), quietAfter: fc.boolean() }),
        { maxLength: 5 },
      ),
    })
    .map(({ pages, snapshotTimes, blocks }) => {
      let reference = 0;
      const build = (draft: OrderDraft, updatedAt: string): Order =>
        order({
          id: ORDER_IDS[draft.id] as string,
          status: draft.status,
          remaining: String(draft.remaining),
          side: draft.side ? Side.SIDE_BUY : Side.SIDE_SELL,
          reference: `r${reference++}`,
          updatedAt,
        });
      const seen = new Set<number>();
      const snapshot = pages.map((page) =>
        page
          .filter((draft) => {
            if (!options.uniqueSnapshotIds) return true;
            if (seen.has(draft.id)) return false;
            seen.add(draft.id);
            return true;
          })
          .map((draft) => build(draft, snapshotTimes ? timeNs(draft.id) : '0')),
      );
      return {
        pages: snapshot,
        blocks: blocks.map((block, b) => {
          const time = timeNs(1_000 * (b + 1));
          return { time, frames: block.frames.map((frame) => frame.map((draft) => build(draft, time))), quietAfter: block.quietAfter };
        }),
      };
    });
}

/** A scenario with its orders as frames: snapshot pages (last page flagged unless `neverLast`), then updates. */
export function ordersFrames(scenario: OrdersScenario, neverLast = false) {
  return {
    pages: scenario.pages.map((page, i) => ordersSnapshot(page, { lastPage: !neverLast && i === scenario.pages.length - 1 })),
    blocks: scenario.blocks.map((block) => ({ ...block, frames: block.frames.map((orders) => ordersUpdates(orders)) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Valid frames of several routes, and error frames

/** A typed response of a route, as the builders make it. */
export interface WireSample {
  readonly route: StreamRouteName;
  readonly result: unknown;
}

const uint64Text = fc.oneof(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(String);
const priceText = fc.oneof(canonicalPrice, fc.constant(''));

const tradesSample = fc
  .array(fc.record({ price: priceText, size: uint64Text, sell: fc.boolean() }), { maxLength: 3 })
  .map((ts): WireSample => ({ route: 'trades', result: tradesFrame(ts.map((t) => trade({ price: t.price, size: t.size, aggressor: t.sell ? Side.SIDE_SELL : Side.SIDE_BUY }))).result }));

const ordersSample = fc
  .tuple(fc.array(orderDraft, { maxLength: 3 }), fc.constantFrom('snapshot', 'last page', 'updates'))
  .map(([drafts, form]): WireSample => {
    const orders = drafts.map((d, i) => order({ id: ORDER_IDS[d.id] as string, status: d.status, remaining: String(d.remaining), reference: `s${i}` }));
    const frame = form === 'updates' ? ordersUpdates(orders) : ordersSnapshot(orders, { lastPage: form === 'last page' });
    return { route: 'orders', result: frame.result };
  });

const positionsSample = fc
  .tuple(fc.array(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map(String), { maxLength: 3 }), fc.boolean())
  .map(([volumes, snapshot]): WireSample => {
    const positions = volumes.map((openVolume) => position({ openVolume, partyId: openVolume.startsWith('-') ? COUNTERPARTY_ID : DEFAULT_PARTY_ID }));
    return { route: 'positions', result: (snapshot ? positionsSnapshot(positions) : positionsUpdates(positions)).result };
  });

const accountsSample = fc
  .tuple(fc.array(uint64Text, { maxLength: 3 }), fc.boolean())
  .map(([balances, snapshot]): WireSample => {
    const accounts = balances.map((balance) => account({ balance }));
    return { route: 'accounts', result: (snapshot ? accountsSnapshot(accounts) : accountsUpdates(accounts)).result };
  });

const depthUpdatesSample = fc
  .array(canonicalPrice, { minLength: 1, maxLength: 4 })
  .chain((pool) => fc.array(fc.record({ buy: sideFrom(pool, 3), sell: sideFrom(pool, 3), seq: sequenceBase }), { maxLength: 2 }))
  .map((updates): WireSample => ({
    route: 'marketsDepthUpdates',
    result: depthUpdatesFrame(
      updates.map((u) =>
        typedUpdate({ marketId: MARKET, sequenceNumber: String(u.seq + 1n), previousSequenceNumber: String(u.seq), buy: u.buy, sell: u.sell }),
      ),
    ).result,
  }));

const depthSample = fc
  .array(canonicalPrice, { minLength: 1, maxLength: 4 })
  .chain((pool) => fc.record({ buy: sideFrom(pool, 3), sell: sideFrom(pool, 3), seq: sequenceBase }))
  .map(({ buy, sell, seq }): WireSample => ({
    route: 'marketsDepth',
    result: depthFrame(
      depth({
        sequenceNumber: String(seq),
        buy: buy.map((l) => priceLevel(l.price, l.volume, l.numberOfOrders)),
        sell: sell.map((l) => priceLevel(l.price, l.volume, l.numberOfOrders)),
      }),
    ).result,
  }));

const marketDataSample = fc
  .array(fc.record({ bid: integerPart, spread: fc.bigInt({ min: 1n, max: 1000n }) }), { maxLength: 2 })
  .map((quotes): WireSample => ({
    route: 'marketsData',
    result: marketsDataFrame(quotes.map((q) => marketData({ bestBidPrice: q.bid, bestOfferPrice: String(BigInt(q.bid) + q.spread) }))).result,
  }));

/** Valid responses of each sampled route, built with the testing kit. */
export const SAMPLES = {
  trades: tradesSample,
  orders: ordersSample,
  positions: positionsSample,
  accounts: accountsSample,
  marketsDepthUpdates: depthUpdatesSample,
  marketsDepth: depthSample,
  marketsData: marketDataSample,
} as const satisfies Partial<Record<StreamRouteName, fc.Arbitrary<WireSample>>>;

/** A route the fuzz specs build frames for. */
export type SampledRoute = keyof typeof SAMPLES;
export const SAMPLED_ROUTES = Object.keys(SAMPLES) as SampledRoute[];

/** A valid response of one of the sampled routes. */
export const wireSample: fc.Arbitrary<WireSample> = fc.oneof(...Object.values(SAMPLES));

/** The filters each sampled route is subscribed with. */
export const FILTERS: Partial<Record<StreamRouteName, Record<string, unknown>>> = {
  marketsDepth: { marketIds: [MARKET] },
  marketsDepthUpdates: { marketIds: [MARKET] },
  marketsData: { marketIds: [MARKET] },
};

/** The route's codec as a ProtoType. */
export function codecOf(route: StreamRouteName) {
  return protoOf(STREAM_ROUTES[route].codec as never);
}

/** The stream JSON of a sample's response (enums as numbers, defaults left out). */
export function wireJson(sample: WireSample): Record<string, unknown> {
  return encodeStream(codecOf(sample.route), sample.result) as Record<string, unknown>;
}

/** The text frame the fake node would send for a result. */
export function resultText(result: unknown): string {
  return goJson({ result });
}

/** Error frames in the node's and the gateway's shapes. */
export const errorFrameText: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      code: fc.integer({ min: 0, max: 20 }),
      vegaCode: fc.option(fc.constantFrom(10000, 10002, 10010, 10015, 10024, 99999), { nil: undefined }),
      message: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      inner: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    })
    .map(({ code, vegaCode, message, inner }) => goJson(errorFrame(code, vegaCode, message, inner))),
  fc.record({ code: fc.integer({ min: 0, max: 20 }), message: fc.string({ maxLength: 12 }) }).map(({ code, message }) => goJson(statusFrame(code, message))),
  fc.constantFrom(goJson(channelClosedFrame()), goJson(tooManySubscriptionsFrame())),
);

// ---------------------------------------------------------------------------------------------
// Breaking frames: text edits and JSON-level replacements

/** Raw JSON texts that are wrong in most places: other types, huge numbers, enum-like numbers, odd strings. */
export const rawValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1', '1.5', '""', '"text"', '[]', '{}', '[1,"a",null]', '{"x":{"y":[]}}'),
  fc.constantFrom(
    '1e308', '1e400', '-1e400', '18446744073709551616', '9223372036854775808', '-9223372036854775809', '123456789012345678901234567890',
    '0.000000000000000000001', '9007199254740993', '"18446744073709551616"', '"-9223372036854775809"', '"99999999999999999999999"', '"1e400"',
  ),
  fc.constantFrom('99', '7777', '2147483647', '-2147483648', '2147483648', '"99"', '"NOT_AN_ENUM_NAME"', '"STATUS_ACTIVE"', '"SIDE_SELL"'),
  fc.constantFrom('"\\u0000"', '"\\ud800"', '"\\u2028<&>"', '"é"', '"\\""', '"\\\\"', '"\\/"'),
  fc.json({ maxDepth: 2 }),
  fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s)),
);

/** Deeply nested JSON as raw text, printed short in counterexamples. */
export interface DeepValue {
  readonly raw: string;
  readonly depth: number;
  readonly shape: string;
}

/** Deeply nested JSON: arrays, objects, or both, up to thousands of levels down. */
export const deepValue: fc.Arbitrary<DeepValue> = fc
  .record({ depth: fc.constantFrom(10, 1_000, 6_000, 12_000, 25_000), shape: fc.constantFrom('array', 'object', 'array-of-objects', 'object-of-arrays') })
  .map(({ depth, shape }) => {
    const raw = (() => {
      switch (shape) {
        case 'array':
          return `${'['.repeat(depth)}${']'.repeat(depth)}`;
        case 'object':
          return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        case 'array-of-objects':
          return `${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}`;
        default:
          return `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      }
    })();
    return { raw, depth, shape, [fc.toStringMethod]: () => `<${shape} nested ${depth} deep: ${raw.slice(0, 12)}…>` };
  });

/** Field names a newer node might add, including ones that mean something elsewhere (envelope keys, Object.prototype names). */
export const unknownKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('result', 'error', 'code', 'message') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('x', 'futureField', 'unknown_field_v2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'details', '@type', '', ' ', 'é', '0', '\u2028'),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
);

/** One way of breaking a frame (indices are taken modulo what the frame has). */
export type FrameMutation =
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly char: string }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'replace'; readonly at: number; readonly raw: string }
  | { readonly kind: 'add-field'; readonly at: number; readonly key: string; readonly raw: string }
  | { readonly kind: 'remove-field'; readonly at: number };

const jsonChar = fc.constantFrom('"', '{', '}', '[', ']', ':', ',', '\\', '0', '9', '-', 'e', '.', 'a', ' ', '\u0000', '\ud800', 'é', 'n', 't');

/** Mutations that break a frame's text or its JSON; `raw` chooses the replacement values. */
export function frameMutation(raw: fc.Arbitrary<string> = rawValue): fc.Arbitrary<FrameMutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: jsonChar }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(jsonChar, fc.string({ maxLength: 4 })) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), raw }),
    fc.record({ kind: fc.constant('add-field' as const), at: fc.nat(), key: unknownKey, raw }),
    fc.record({ kind: fc.constant('remove-field' as const), at: fc.nat() }),
  );
}

const MARKER = '\u0001fuzz-raw\u0001';

/** The JSON text of `root` with the marker value replaced by `raw` (so raw can be any text: 1e400, deep nesting). */
function withRaw(root: unknown, raw: string): string {
  return JSON.stringify(root).replace(JSON.stringify(MARKER), () => raw);
}

/** Every (container, key) place of a JSON value, depth first, the root's own keys included. */
function placesOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...path, i]), placesOf(v, [...path, i], out)));
  else if (isObject(value)) for (const key of Object.keys(value)) out.push([...path, key]), placesOf(value[key], [...path, key], out);
  return out;
}

/** Every object of a JSON value (the root included), by path. */
function objectsOf(value: unknown): Path[] {
  return [[], ...placesOf(value).filter((p) => isObject(get(value, p)))];
}

function get(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

/** Apply one mutation to a frame's text. JSON-level ones leave a text that is not JSON as it is. */
export function mutateText(text: string, m: FrameMutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : m.at % (text.length + n));
  switch (m.kind) {
    case 'cut':
      return text.slice(0, at(0));
    case 'flip': {
      const i = at(0);
      return `${text.slice(0, i)}${m.char}${text.slice(i + 1)}`;
    }
    case 'insert': {
      const i = at(1);
      return `${text.slice(0, i)}${m.text}${text.slice(i)}`;
    }
    case 'delete': {
      const i = at(0);
      return `${text.slice(0, i)}${text.slice(i + m.count)}`;
    }
    default:
      break;
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return text;
  }
  if (m.kind === 'replace') {
    const places = placesOf(root);
    if (places.length === 0) return m.raw; // a scalar frame: replace it whole
    const place = parentOf(root, places[m.at % places.length] as Path);
    if (place === undefined) return text;
    setOwn(place.parent, place.key, MARKER);
    return withRaw(root, m.raw);
  }
  if (m.kind === 'add-field') {
    const objects = objectsOf(root);
    if (objects.length === 0) return text;
    const target = get(root, objects[m.at % objects.length] as Path) as Record<string, unknown>;
    setOwn(target, m.key, MARKER);
    return withRaw(root, m.raw);
  }
  const places = placesOf(root).filter((p) => typeof p[p.length - 1] === 'string');
  if (places.length === 0) return text;
  const place = parentOf(root, places[m.at % places.length] as Path);
  if (place !== undefined) delete (place.parent as Record<string, unknown>)[place.key as string];
  return JSON.stringify(root);
}

// ---------------------------------------------------------------------------------------------
// Changes a valid frame must survive, and single changes it must not

/** A change the decoder must tolerate (docs/codecs.md, docs/wire-format.md). */
export type ToleratedChange =
  | { readonly kind: 'unknown-field'; readonly at: number; readonly key: string; readonly value: fc.JsonValue }
  | { readonly kind: 'other-form'; readonly at: number; readonly pick: number }
  | { readonly kind: 'leave-out'; readonly at: number }
  | { readonly kind: 'null'; readonly at: number };

export const toleratedChange: fc.Arbitrary<ToleratedChange> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unknown-field' as const), at: fc.nat(), key: unknownKey, value: fc.jsonValue({ maxDepth: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('other-form' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave-out' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('null' as const), at: fc.nat() }) },
);

/**
 * Apply tolerated changes to a sample: the frame's wire JSON and the value it must still decode
 * to (unknown fields ignored, unknown enum numbers kept, enum names and JSON numbers converted,
 * a field left out or null decoding to its default).
 */
export function applyTolerated(sample: WireSample, changes: readonly ToleratedChange[]): { wire: Record<string, unknown>; expected: unknown } {
  const codec = codecOf(sample.route);
  const wire = cloneJson(wireJson(sample));
  const expected = cloneJson(sample.result);
  for (const change of changes) {
    if (change.kind === 'unknown-field') {
      const messages = messagesOf(codec, wire);
      const target = messages[change.at % messages.length] as { path: Path; codec: AnyMessage };
      if (target.codec.fields.keys.includes(change.key)) continue;
      setOwn(get(wire, target.path) as Record<string, unknown>, change.key, change.value);
      continue;
    }
    const sites = sitesOf(codec, wire).filter((site) =>
      change.kind === 'other-form' ? tolerated(site.codec, change.pick) !== undefined : site.present && site.owner !== undefined,
    );
    const site = sites[change.at % Math.max(1, sites.length)];
    if (site === undefined) continue;
    const inWire = parentOf(wire, site.path);
    const inExpected = parentOf(expected, site.path);
    if (inWire === undefined || inExpected === undefined) continue;
    if (change.kind === 'other-form') {
      const form = tolerated(site.codec, change.pick) as { wire: unknown; decoded: unknown };
      setOwn(inWire.parent, inWire.key, form.wire);
      setOwn(inExpected.parent, inExpected.key, form.decoded);
      continue;
    }
    const owner = site.owner as AnyMessage;
    const key = inWire.key as string;
    if (change.kind === 'leave-out') delete (inWire.parent as Record<string, unknown>)[key];
    else setOwn(inWire.parent, key, null);
    const absent = absentValue(owner, key, site.codec);
    if (absent === undefined) delete (inExpected.parent as Record<string, unknown>)[key];
    else setOwn(inExpected.parent, key, absent.value);
  }
  return { wire, expected };
}

/** One change a frame must not survive: a value its field refuses, at `at` among the refusable places. */
export const refusedChange = fc.record({ at: fc.nat(), pick: fc.nat() });

/** The frame text with one refused value, and the DecodeError path it must name. */
export function applyRefused(codec: ReturnType<typeof codecOf>, wire: Record<string, unknown>, change: { at: number; pick: number }): { text: string; path: Path } {
  const sites = sitesOf(codec, wire).filter((site) => refused(site.codec).length > 0);
  const site = sites[change.at % sites.length];
  if (site === undefined) throw new Error('a response codec without any field');
  const options = refused(site.codec);
  const raw = options[change.pick % options.length] as string;
  const root = cloneJson(wire);
  const place = parentOf(root, site.path);
  if (place === undefined) throw new Error(`no place at ${JSON.stringify(site.path)}`);
  setOwn(place.parent, place.key, MARKER);
  return { text: `{"result":${withRaw(root, raw)}}`, path: site.path };
}
