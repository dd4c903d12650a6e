/**
 * What the route pages say that the code and the spec cannot: when each route's first frames
 * come, how often the node sends, and the real node's quirks. Hand-written, one entry per route of
 * STREAM_ROUTES (the generator fails on a missing or unknown entry), from the data-node v0.79
 * protocol notes the library was built against (the behaviour of datanode/api, the gateway and
 * the websocket proxy). "(derived)" marks what follows from the node's code and was not seen on a
 * live node.
 *
 * Markdown; links are relative to docs/routes/ and must point at files that exist.
 */
import type { SampleChoice } from './samples.js';

/** A fact in two lengths: a few words for the overview table, a paragraph for the route page. */
export interface Fact {
  readonly short: string;
  readonly detail: string;
}

/** The example of a route page: `vega.<method>(<filters>).subscribe({ next: <next>, … })`. */
export interface ExampleNotes {
  /** The filters as a TypeScript object literal; undefined to call the method without any. */
  readonly filters?: string;
  /** Free identifiers of `filters` and `next`, declared in the block: `marketId: string`. */
  readonly declare?: readonly string[];
  /** Further names imported from `vega-streams` (createClient always is). */
  readonly imports?: readonly string[];
  /** The `next` handler, a TypeScript arrow function (may span lines). */
  readonly next: string;
}

export interface RouteNotes {
  /** What arrives right after subscribing (snapshot behaviour). */
  readonly firstFrames: Fact;
  /** How often frames come, and how many items each holds. */
  readonly cadence: Fact;
  /** More about the response than the spec says (shape, encoding), one paragraph each. */
  readonly response?: readonly string[];
  /** The real node's quirks on this route, one bullet each. */
  readonly quirks: readonly string[];
  /** Where else the library helps with this route, one bullet each. */
  readonly seeAlso?: readonly string[];
  readonly example: ExampleNotes;
  /** A sample frame to show, if one exists. */
  readonly sample?: SampleChoice;
}

const SNAPSHOT_PAGES =
  'Snapshot pages hold at most 50 items; only the last has `lastPage: true` (earlier pages leave the key out, ' +
  'false being a default). There is always at least one page: an empty snapshot is the single frame ' +
  '`{"result":{"snapshot":{"lastPage":true}}}`.';

const REBUILD_AFTER_RECONNECT =
  'Updates are published before the database commit, so a block can fall between the snapshot and the first ' +
  'update: after any reconnect, rebuild the state from the new snapshot, never patch the old one.';

const MARKETS_REQUIRED =
  '`marketIds` is required: without it (or with an empty list) the node accepts the stream and never sends ' +
  'anything, so the library refuses it.';

const UNKNOWN_MARKET =
  'An unknown market id ends the stream with an INTERNAL (13) error frame, "no market found for id", which is ' +
  'not retryable.';

const FRAME_LIMIT =
  '(derived) The websocket proxy reads the node with a 64 KiB line scanner: a frame of 64 KiB or more makes it ' +
  'drop the connection without any frame (a `ConnectionError`, close code 1006).';

export const ROUTE_NOTES: Readonly<Record<string, RouteNotes>> = {
  trades: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe: the first frame comes with the next block that has a matching trade.',
    },
    cadence: {
      short: 'per block',
      detail:
        'The trades of each block, at most 50 a frame: a block with more trades spans several frames, and no frame ' +
        'marks the end of a block. The trades of one block share its time (`timestamp`, ns).',
    },
    quirks: [],
    seeAlso: [
      '`batchByBlock` with `blockTimeOf.trades` regroups the frames into one emission per block ([operators.md](../operators.md)).',
    ],
    example: {
      filters: '{ marketIds: [marketId] }',
      declare: ['marketId: string'],
      imports: ['Side'],
      next: "({ trades }) => trades.forEach((trade) => console.log(trade.aggressor === Side.SIDE_BUY ? 'buy' : 'sell', trade.size, '@', trade.price))",
    },
    sample: { file: 'trades__vega-evt.json' },
  },

  orders: {
    firstFrames: {
      short: 'snapshot of live orders',
      detail: `A paged snapshot of the live orders matching the filters, in \`snapshot.orders\`. ${SNAPSHOT_PAGES}`,
    },
    cadence: {
      short: 'per block',
      detail: 'Then `updates.orders`: the orders that changed in each block, at most 50 a frame. Each frame holds either `snapshot` or `updates`.',
    },
    quirks: [
      '(derived) `excludeLiquidity: true` is applied inverted to updates by the v0.79 node: filter again client-side where it matters.',
      'The node itself rejects malformed ids on this route with an InvalidArgument (3) error frame; the library refuses them before connecting.',
      'A filled order has no `remaining` on the wire (it decodes to `"0"`).',
      REBUILD_AFTER_RECONNECT,
    ],
    seeAlso: [
      '`accumulateOrders` keeps the live orders keyed by id, rebuilt atomically from each new snapshot ([operators.md](../operators.md#snapshot-accumulation)).',
    ],
    example: {
      filters: '{ partyIds: [partyId] }',
      declare: ['partyId: string'],
      next:
        '(response) => {\n' +
        "  if (response.snapshot) console.log('snapshot page:', response.snapshot.orders.length, 'orders', response.snapshot.lastPage ? '(last)' : '');\n" +
        "  for (const order of response.updates?.orders ?? []) console.log(order.id, order.status, order.remaining, 'left');\n" +
        '}',
    },
    sample: { file: 'orders__vega-evt-updates.json' },
  },

  positions: {
    firstFrames: {
      short: 'snapshot (none for a party and market without a position)',
      detail:
        'A paged snapshot of the positions matching the filters, in `snapshot.positions`: pages of at most 50, only the ' +
        'last with `lastPage: true`. With both `partyId` and `marketId` set and no position for that pair, no snapshot comes at all; ' +
        'otherwise an empty snapshot is one page with only `lastPage: true`.',
    },
    cadence: {
      short: 'per block',
      detail: 'Then `updates.positions`: the positions that changed in each block, at most 50 a frame. Each frame holds either `snapshot` or `updates`.',
    },
    quirks: [
      '(derived) `includeDerivedParties` drops the derived (AMM) parties on the v0.79 node: filter again client-side where it matters.',
      '`includeDerivedParties` without `partyId` is an InvalidArgument (3) error on the node; the library refuses it before connecting.',
      'A flat position has no `openVolume` on the wire (it decodes to `"0"`).',
      'Enums are open: a newer node can send a number the spec does not list (a real capture has `"positionStatus": 100`); it decodes as that number.',
      REBUILD_AFTER_RECONNECT,
    ],
    seeAlso: [
      '`accumulatePositions` keeps positions keyed by market and party, rebuilt atomically from each new snapshot ([operators.md](../operators.md#snapshot-accumulation)).',
    ],
    example: {
      filters: '{ partyId }',
      declare: ['partyId: string'],
      next:
        '(response) => {\n' +
        '  const positions = response.snapshot?.positions ?? response.updates?.positions ?? [];\n' +
        '  for (const position of positions) console.log(position.marketId, position.openVolume, position.unrealisedPnl);\n' +
        '}',
    },
    sample: { file: 'positions__hb-mockws-snapshot-badenum.json' },
  },

  accounts: {
    firstFrames: {
      short: 'snapshot pages',
      detail: `A paged snapshot of the balances matching the filters, in \`snapshot.accounts\`. ${SNAPSHOT_PAGES}`,
    },
    cadence: {
      short: 'per block; updates only arrive when `partyId` is set',
      detail:
        'Then `updates.accounts`: the balances that changed in each block, at most 50 a frame. (derived) After the ' +
        'snapshot, updates only arrive when `partyId` is set. Each frame holds either `snapshot` or `updates`.',
    },
    quirks: [
      'Account balances carry no time at all: which block an update belongs to is not in the frame.',
      'The owner of network accounts is `network`; a general account has no `marketId` (it decodes to `""`).',
      '`includeDerivedParties` needs `partyId`; the library refuses it without one.',
      'Balances are decimal strings that can exceed 2^53 (`"6095000000000000000000000"`): keep them as strings, or use the exact decimals of `vega-streams/operators` ([operators.md](../operators.md#decimals)).',
      REBUILD_AFTER_RECONNECT,
    ],
    seeAlso: [
      '`accumulateAccounts` keeps balances keyed by owner, market, asset and type, rebuilt atomically from each new snapshot; balances carry no time, so only a quiet period closes a block ([operators.md](../operators.md#snapshot-accumulation)).',
    ],
    example: {
      filters: "{ partyId, type: 'ACCOUNT_TYPE_GENERAL' }",
      declare: ['partyId: string'],
      next:
        '(response) => {\n' +
        '  const balances = response.snapshot?.accounts ?? response.updates?.accounts ?? [];\n' +
        '  for (const account of balances) console.log(account.asset, account.balance);\n' +
        '}',
    },
    sample: { file: 'accounts__vega-evt-updates.json', keep: [2] },
  },

  marketsDepth: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe: the first book comes with the next block that changes a watched market.',
    },
    cadence: {
      short: 'per block, for markets that changed',
      detail: 'Each block, the full book of every watched market that changed in it.',
    },
    response: [
      'Each `marketDepth` item is a full book: every price level with its volume and number of orders, and the ' +
        '`sequenceNumber` of the block (see [marketsDepthUpdates](markets-depth-updates.md) for what it is). A depth ' +
        'frame and the update frames of one block carry the same sequence number.',
    ],
    quirks: [MARKETS_REQUIRED, UNKNOWN_MARKET, `${FRAME_LIMIT} A very deep book can reach it.`],
    seeAlso: [
      '`marketBook` and `orderBook` build books from `marketsDepthUpdates` and resync from a full book on any gap ([operators.md](../operators.md#order-books)).',
      '`vega.latestMarketDepth(marketId)` gets one full book with its sequence number over REST, which can be taken mid-block.',
    ],
    example: {
      filters: '{ marketIds: [marketId] }',
      declare: ['marketId: string'],
      next: '({ marketDepth }) => marketDepth.forEach((book) => console.log(book.marketId, book.buy[0]?.price, book.sell[0]?.price))',
    },
    sample: { file: 'markets-depth__hb-mockws.json' },
  },

  marketsDepthUpdates: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe: take a full book first (a `marketsDepth` frame or `vega.latestMarketDepth`), then apply updates.',
    },
    cadence: {
      short: 'per block, one update a frame',
      detail: 'Each block, one frame per watched market that changed, each holding one update in `update` (a singular name for an array).',
    },
    response: [
      'Each update lists the changed levels with their ABSOLUTE `volume` and `numberOfOrders` (not deltas). A level ' +
        'without volume is removed: on the wire it is just `{"price":"123"}`. The same price can repeat within one ' +
        'update; the last one wins.',
      '`sequenceNumber` is the block time truncated to microseconds, in ns, plus the event\'s sequence number in the ' +
        'block: increasing, and global across markets, so gaps between one market\'s numbers are normal. ' +
        '`previousSequenceNumber` is the last number published for that market (absent, i.e. `"0"`, for the first ' +
        'update after a node restart).',
      'To build a book: take a full book, drop updates whose `sequenceNumber` is not above the book\'s, then require ' +
        'each next update\'s `previousSequenceNumber` to equal the last applied `sequenceNumber`. A mismatch is a gap: ' +
        'rebuild from a fresh full book. The official front end does exactly this.',
    ],
    quirks: [MARKETS_REQUIRED, UNKNOWN_MARKET],
    seeAlso: [
      '`marketBook(vega, marketId)` does all of the above, reconnects included; `orderBook` is the operator over your own update stream ([operators.md](../operators.md#order-books)).',
    ],
    example: {
      filters: '{ marketIds: [marketId] }',
      declare: ['marketId: string'],
      next:
        '({ update }) => update.forEach((change) =>\n' +
        "  console.log(change.marketId, change.previousSequenceNumber, '->', change.sequenceNumber, change.buy.length + change.sell.length, 'levels'),\n" +
        ')',
    },
    sample: { file: 'markets-depth-updates__hb-mockws.json' },
  },

  marketsData: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe: the first frame comes with the next block.',
    },
    cadence: {
      short: 'per block, all markets in one frame',
      detail: 'Each block, one frame with the market data of all watched markets.',
    },
    quirks: [
      MARKETS_REQUIRED,
      UNKNOWN_MARKET,
      'int64 times can be negative: an uninitialised time (`nextMarkToMarket` during an auction) arrives as `"-6795364573871345152"`.',
      `${FRAME_LIMIT} Market data of many markets can reach it.`,
    ],
    seeAlso: ['`batchByBlock` with `blockTimeOf.marketsData`, and `alignBlocks` to line it up with other routes ([operators.md](../operators.md)).'],
    example: {
      filters: '{ marketIds: [marketId] }',
      declare: ['marketId: string'],
      next: '({ marketData }) => marketData.forEach((data) => console.log(data.market, data.markPrice, data.bestBidPrice, data.bestOfferPrice))',
    },
    sample: { file: 'markets-data__vega-evt-continuous.json' },
  },

  candleData: {
    firstFrames: {
      short: 'the current candle at once',
      detail: 'The current candle, at once.',
    },
    cadence: {
      short: 're-sent every second (dedupe by `start`)',
      detail: 'The node polls every second and re-sends the current candle on each tick, changed or not: dedupe by `start`.',
    },
    quirks: [
      'Gap candles (no trade in the interval) are just `{"start":"…","lastUpdate":"…"}` on the wire: their prices decode to `""` and their volume and notional to `"0"`.',
      'The library checks the candle id\'s form (interval and market id); an id the node does not know (an unknown market) ends the stream with an INTERNAL (13) error frame, vega code 60002, which is not retryable.',
    ],
    example: {
      filters: "{ candleId: candleId(marketId, '1_minute') }",
      declare: ['marketId: string'],
      imports: ['candleId'],
      next: '({ candle }) => console.log(candle?.start, candle?.open, candle?.high, candle?.low, candle?.close, candle?.volume)',
    },
  },

  votes: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per vote',
      detail: 'One vote a frame, as votes are cast.',
    },
    quirks: [
      'Without `partyId` and `proposalId` the node ends the stream with InvalidArgument (3), vega code 10024 "missing proposal id or party id"; the library refuses it before connecting.',
      '(derived) The v0.79 node\'s `proposalId` filter never matches (it compares the party id to it): filter by `partyId`, or filter again client-side.',
    ],
    example: {
      filters: '{ partyId }',
      declare: ['partyId: string'],
      imports: ['VoteValue'],
      next: "({ vote }) => console.log(vote?.proposalId, vote?.value === VoteValue.VALUE_YES ? 'yes' : 'no')",
    },
    sample: { file: 'votes__vega-evt.json' },
  },

  marginLevels: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per block, one a frame',
      detail: 'Each block, one frame per changed margin level.',
    },
    quirks: [
      '(derived) When `partyId` matches, the v0.79 node ignores `marketId`: filter again client-side, as the example does.',
      'A closed position\'s levels arrive as `"0"` (decimal strings are sent even when zero).',
    ],
    example: {
      filters: '{ partyId, marketId }',
      declare: ['partyId: string', 'marketId: string'],
      next:
        '({ marginLevels }) => {\n' +
        '  if (marginLevels?.marketId === marketId) console.log(marginLevels.maintenanceMargin, marginLevels.initialMargin);\n' +
        '}',
    },
    sample: { file: 'margin-levels__vega-evt.json' },
  },

  governance: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per proposal change',
      detail: 'One proposal a frame, with its votes so far, each time it changes.',
    },
    quirks: [],
    example: {
      next: '({ data }) => console.log(data?.proposal?.id, data?.proposal?.state, data?.yes.length, \'yes\', data?.no.length, \'no\')',
    },
    sample: { file: 'governance__vega-evt-newasset.json' },
  },

  eventBus: {
    firstFrames: {
      short: 'nothing until the request',
      detail:
        'The node sends nothing until the client sends its request frame (the filters, as JSON); the library sends ' +
        'it as soon as the socket opens. With no request within 5 s, or an undecodable one, the node ends the stream ' +
        'with no error frame.',
    },
    cadence: {
      short: 'as events come, or N a frame with `batchSize`',
      detail:
        'With `batchSize` 0 (the default) events are sent as they come. With `batchSize` N > 0 each frame holds ' +
        'exactly N events, and the node waits up to 5 s for another request frame before sending the next; without ' +
        'one it ends the stream with INTERNAL (13), vega code 10010, inner "context deadline exceeded". The library ' +
        'asks for each next batch once the previous frame has been delivered ' +
        '([back-pressure](../routes.md#event-bus-back-pressure)).',
    },
    response: [
      '`BusEvent.id` is `"<blockHeight>-<indexInBlock>"` and `block` the block hash. BEGIN_BLOCK (49) and END_BLOCK (50) ' +
        'events frame each block (the only route that marks the end of a block), except when a market or party filter is set.',
      'Each event carries the payload field that matches its `type`. BusEventType numbers are not in order: ' +
        '`BUS_EVENT_TYPE_MARKET` is 101, `BUS_EVENT_TYPE_TX_ERROR` 201; the `BusEventType` enum has the real numbers.',
    ],
    quirks: [
      'The query string is ignored on this route: filters only work in the request frame, which is why the route has no query parameters.',
      'An empty type list, or `BUS_EVENT_TYPE_ALL`, means every type. `BUS_EVENT_TYPE_UNSPECIFIED` makes the node fail with InvalidArgument (3), vega code 10015; the library refuses it.',
      'Over 100,000 buffered events, or a consumer blocked for over 1 s, ends the stream silently (no error frame).',
      `${FRAME_LIMIT} A large batch can reach it: keep \`batchSize\` modest.`,
      'The core node\'s `/stream/event/bus` (no `/api/v2`) uses the REST encoding (enum names, defaults written); the library uses the data node\'s `/api/v2` route.',
    ],
    seeAlso: [
      '`batchByBlock` with `blockTimeOf.eventBus` groups events by block ([operators.md](../operators.md#batching-by-block)).',
    ],
    example: {
      filters: "{ type: ['BUS_EVENT_TYPE_TRADE', 'BUS_EVENT_TYPE_ORDER'], marketId, batchSize: 100 }",
      declare: ['marketId: string'],
      imports: ['BusEventType'],
      next: '({ events }) => events.forEach((event) => console.log(event.id, BusEventType[event.type], event.trade?.price ?? event.order?.status))',
    },
    sample: { file: 'event-bus__vega-evt-block522.json', keep: [0, 3] },
  },

  ledgerMovements: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per block, one a frame',
      detail: 'Each block, one frame per ledger movement (a transfer with its entries and the resulting balances).',
    },
    quirks: [
      'Takes no filters: every ledger movement of the network. Account details leave out what does not apply (a system account has no `owner`, a general account no `marketId`).',
    ],
    example: {
      next:
        "({ ledgerMovement }) => ledgerMovement?.entries.forEach((entry) => console.log(entry.fromAccount?.owner, '->', entry.toAccount?.owner, entry.amount))",
    },
    sample: { file: 'ledger-movements__vega-evt-2.json' },
  },

  liquidityProvisions: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per block',
      detail: 'Each block, the provisions that changed in it, at most 50 a frame.',
    },
    quirks: [
      'v0.79 provisions are SLA-based: `buys` and `sells` (liquidity order references) are still in the proto but no longer filled by v0.79 nodes (the sample below is from an older network).',
    ],
    example: {
      filters: '{ marketId }',
      declare: ['marketId: string'],
      next: '({ liquidityProvisions }) => liquidityProvisions.forEach((provision) => console.log(provision.partyId, provision.commitmentAmount, provision.fee, provision.status))',
    },
    sample: { file: 'liquidity-provisions__vega-evt.json' },
  },

  transactionResults: {
    firstFrames: {
      short: 'none',
      detail: 'Nothing on subscribe.',
    },
    cadence: {
      short: 'per transaction',
      detail: 'Results as transactions are processed.',
    },
    quirks: [
      'A failed transaction has no `status` on the wire (it decodes to `false`) and carries `failure.error`.',
      'Hashes are 64 hex characters in either case; the node uses both.',
    ],
    example: {
      filters: '{ partyIds: [partyId] }',
      declare: ['partyId: string'],
      next:
        "({ transactionResults }) => transactionResults.forEach((result) => console.log(result.hash, result.status ? 'ok' : result.failure?.error))",
    },
    sample: { file: 'transaction-results__vega-evt-failure.json' },
  },
};
