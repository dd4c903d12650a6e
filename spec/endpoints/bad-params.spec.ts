/**
 * Bad parameters from users are refused before any socket opens, with a message that names the
 * parameter: a BadRequestError delivered synchronously on subscribe, its `parameter` and its
 * message naming the filter and the route, and not a single TCP connection reaching the node
 * (websocket or HTTP). Completes spec/endpoints/client.spec.ts ('refuses bad filters before any
 * socket opens'), which covers a first set of cases by `parameter` alone: here every id-taking
 * filter of every route, every route with a required filter, the generic `stream` / `rawStream`
 * entries, and the REST full book.
 * Rules: docs/errors.md (BadRequestError), docs/reliability.md ("bad filters … before any socket
 * opens"), docs/routes.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Observable } from 'rxjs';
import {
  BadRequestError,
  createClient,
  ledgerMovementsRoute,
  marketsDataRoute,
  marketsDepthUpdatesRoute,
  tradesRoute,
  transactionResultsRoute,
  type VegaClient,
} from '../../lib/index.js';
import { expectNoNewResources, resourceSnapshot, sleep, type ResourceSnapshot } from '../support/handles.js';

const MARKET = 'f'.repeat(64);
const PARTY = '0123456789abcdef'.repeat(4);

/** One refusal: what is wrong, how the call is made, the parameter and route the error must name. */
type Case = readonly [what: string, open: (vega: VegaClient) => Observable<unknown>, parameter: string, route: string];

const stream = (path: string): string => `/api/v2/stream/${path}`;

const MALFORMED_IDS: readonly Case[] = [
  ['trades: a party that is not an id', (v) => v.trades({ partyIds: ['alice'] }), 'partyIds', stream('trades')],
  ['trades: a market id in upper case', (v) => v.trades({ marketIds: [MARKET.toUpperCase()] }), 'marketIds', stream('trades')],
  ['orders: a market id one character short', (v) => v.orders({ marketIds: [MARKET.slice(1)] }), 'marketIds', stream('orders')],
  ['orders: a bad party after a good one', (v) => v.orders({ partyIds: [PARTY, 'bob'] }), 'partyIds', stream('orders')],
  ['positions: a malformed party', (v) => v.positions({ partyId: 'x' }), 'partyId', stream('positions')],
  ['positions: a malformed market', (v) => v.positions({ marketId: 'BTCUSD' }), 'marketId', stream('positions')],
  ['accounts: a malformed market', (v) => v.accounts({ marketId: `0x${MARKET.slice(2)}` }), 'marketId', stream('accounts')],
  ['accounts: a malformed party', (v) => v.accounts({ partyId: 'x' }), 'partyId', stream('accounts')],
  ['accounts: an asset symbol instead of an asset id', (v) => v.accounts({ asset: 'USDT' }), 'asset', stream('accounts')],
  ['markets depth: a malformed market', (v) => v.marketsDepth({ marketIds: [MARKET, 'BTCUSD'] }), 'marketIds', stream('markets/depth')],
  ['markets depth updates: a malformed market', (v) => v.marketsDepthUpdates({ marketIds: ['BTCUSD'] }), 'marketIds', stream('markets/depth/updates')],
  ['markets data: a number as a market id', (v) => v.marketsData({ marketIds: [42 as never] }), 'marketIds', stream('markets/data')],
  ['markets data: one id instead of a list', (v) => v.marketsData({ marketIds: MARKET as never }), 'marketIds', stream('markets/data')],
  ['candle data: an upper-case market in the candle id', (v) => v.candleData({ candleId: `trades_candle_1_minute_${MARKET.toUpperCase()}` }), 'candleId', stream('candle/data')],
  ['votes: a malformed party', (v) => v.votes({ partyId: 'x' }), 'partyId', stream('votes')],
  ['votes: a malformed proposal', (v) => v.votes({ proposalId: 'p1' }), 'proposalId', stream('votes')],
  ['margin levels: a malformed party', (v) => v.marginLevels({ partyId: 'x' }), 'partyId', stream('margin/levels')],
  ['margin levels: a malformed market', (v) => v.marginLevels({ marketId: 'x' }), 'marketId', stream('margin/levels')],
  ['governance: a malformed party', (v) => v.governance({ partyId: 'alice' }), 'partyId', stream('governance')],
  ['liquidity provisions: a malformed market', (v) => v.liquidityProvisions({ marketId: 'x' }), 'marketId', stream('liquidity-provisions')],
  ['liquidity provisions: a malformed party', (v) => v.liquidityProvisions({ partyId: 'x' }), 'partyId', stream('liquidity-provisions')],
  ['transaction results: a malformed party', (v) => v.transactionResults({ partyIds: ['x'] }), 'partyIds', stream('transaction-results')],
  ['transaction results: a malformed hash', (v) => v.transactionResults({ hashes: ['zz'] }), 'hashes', stream('transaction-results')],
  ['event bus: a malformed market', (v) => v.eventBus({ marketId: 'x' }), 'marketId', stream('event/bus')],
  ['event bus: a malformed party', (v) => v.eventBus({ partyId: 'x' }), 'partyId', stream('event/bus')],
  ['REST full book: a malformed market', (v) => v.latestMarketDepth('BTCUSD'), 'marketId', '/api/v2/market/depth/{marketId}/latest'],
];

const MISSING_REQUIRED: readonly Case[] = [
  ['markets data without marketIds', (v) => v.marketsData({} as never), 'marketIds', stream('markets/data')],
  ['markets data called with nothing (plain JavaScript)', (v) => (v.marketsData as () => Observable<unknown>)(), 'marketIds', stream('markets/data')],
  ['markets depth without marketIds', (v) => v.marketsDepth({} as never), 'marketIds', stream('markets/depth')],
  ['markets depth updates called with nothing (plain JavaScript)', (v) => (v.marketsDepthUpdates as () => Observable<unknown>)(), 'marketIds', stream('markets/depth/updates')],
  ['markets depth updates with an empty list', (v) => v.marketsDepthUpdates({ marketIds: [] }), 'marketIds', stream('markets/depth/updates')],
  ['candle data called with nothing (plain JavaScript)', (v) => (v.candleData as () => Observable<unknown>)(), 'candleId', stream('candle/data')],
  ['votes with both filters undefined', (v) => v.votes({ partyId: undefined, proposalId: undefined }), 'partyId', stream('votes')],
  ['accounts: derived parties without a party', (v) => v.accounts({ includeDerivedParties: true }), 'includeDerivedParties', stream('accounts')],
];

const OTHER_VALUES: readonly Case[] = [
  ['accounts: an unknown account type name', (v) => v.accounts({ type: 'ACCOUNT_TYPE_NOPE' as never }), 'type', stream('accounts')],
  ['accounts: an unknown account type number', (v) => v.accounts({ type: 999 as never }), 'type', stream('accounts')],
  ['orders: excludeLiquidity as a string', (v) => v.orders({ excludeLiquidity: 'yes' as never }), 'excludeLiquidity', stream('orders')],
  ['transaction results: status as a string', (v) => v.transactionResults({ status: 'true' as never }), 'status', stream('transaction-results')],
  ['event bus: a fractional batch size', (v) => v.eventBus({ batchSize: 1.5 }), 'batchSize', stream('event/bus')],
  ['event bus: a misspelt filter', (v) => v.eventBus({ types: ['BUS_EVENT_TYPE_TRADE'] } as never), 'types', stream('event/bus')],
  ['REST full book: a depth of 0', (v) => v.latestMarketDepth(MARKET, { maxDepth: 0 }), 'maxDepth', '/api/v2/market/depth/{marketId}/latest'],
];

const GENERIC_ENTRIES: readonly Case[] = [
  ['stream(): a misspelt filter', (v) => v.stream(tradesRoute, { marketID: [MARKET] } as never), 'marketID', stream('trades')],
  ['stream(): a required filter left out', (v) => v.stream(marketsDataRoute, {} as never), 'marketIds', stream('markets/data')],
  ['stream(): a filter on a route that takes none', (v) => v.stream(ledgerMovementsRoute, { marketId: MARKET } as never), 'marketId', stream('ledger/movements')],
  ['rawStream(): a malformed market', (v) => v.rawStream(marketsDepthUpdatesRoute, { marketIds: ['BTCUSD'] }), 'marketIds', stream('markets/depth/updates')],
  ['rawStream(): a malformed hash', (v) => v.rawStream(transactionResultsRoute, { hashes: [`${MARKET}0`] }), 'hashes', stream('transaction-results')],
];

const HUGE = 'x'.repeat(100_000);

const NOT_FILTERS: readonly Case[] = [
  ['trades: a number for the filters', (v) => v.trades(5 as never), 'filters', stream('trades')],
  ['trades: a list for the filters', (v) => v.trades([MARKET] as never), 'filters', stream('trades')],
  ['orders: a string for the filters', (v) => v.orders('abc' as never), 'filters', stream('orders')],
  ['stream(): a list for the filters', (v) => v.stream(tradesRoute, [MARKET] as never), 'filters', stream('trades')],
  ['ledger movements: a filter the route does not take (plain JavaScript)', (v) => (v.ledgerMovements as (f: unknown) => Observable<unknown>)({ marketId: MARKET }), 'marketId', stream('ledger/movements')],
  ['candle data: a 100 KB candle id is refused with a short message', (v) => v.candleData({ candleId: HUGE }), 'candleId', stream('candle/data')],
  ['REST full book: a 100 KB market id is refused with a short message', (v) => v.latestMarketDepth(HUGE), 'marketId', '/api/v2/market/depth/{marketId}/latest'],
];

describe('bad parameters are refused before any socket opens, naming the parameter', () => {
  let http: Server;
  let vega: VegaClient;
  /** TCP connections that reached the node (websocket upgrades and plain HTTP alike). */
  let connections = 0;
  let baseline: ResourceSnapshot;

  before(async () => {
    http = createServer((_request, response) => response.writeHead(404).end());
    http.on('connection', () => (connections += 1));
    http.on('upgrade', (_request, tcp) => tcp.destroy());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    vega = createClient({ nodes: [`ws://127.0.0.1:${port}`], pingIntervalMs: 0 });
  });

  after(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  beforeEach(async () => {
    connections = 0;
    baseline = await resourceSnapshot();
  });

  afterEach(async () => {
    await sleep(10); // time for a connection that should not have been made to arrive
    expect(connections, 'connections that reached the node').to.equal(0);
    await expectNoNewResources(baseline);
  });

  const groups: ReadonlyArray<readonly [string, readonly Case[]]> = [
    ['malformed ids', MALFORMED_IDS],
    ['missing required filters', MISSING_REQUIRED],
    ['other bad values', OTHER_VALUES],
    ['through the generic stream() and rawStream()', GENERIC_ENTRIES],
    ['filters that are not an object of known filters', NOT_FILTERS],
  ];
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const [what, open, parameter, route] of cases) {
        it(what, () => {
          let error: unknown;
          let values = 0;
          const subscription = open(vega).subscribe({ next: () => (values += 1), error: (e: unknown) => (error = e) });
          // Refused at once, on subscribe: there was never a socket to open.
          expect(subscription.closed, 'the subscription ended on subscribe').to.equal(true);
          expect(values).to.equal(0);
          expect(error).to.be.instanceOf(BadRequestError);
          const e = error as BadRequestError;
          expect(e.parameter).to.equal(parameter);
          expect(e.route).to.equal(route);
          expect(e.retryable).to.equal(false);
          expect(e.message).to.contain(`"${parameter}"`);
          expect(e.message).to.contain(route);
          expect(e.message, 'a bad value is quoted short').not.to.contain(HUGE.slice(0, 200));
        });
      }
    });
  }

  describe('unknown routes', () => {
    const unknown = [
      { name: 'nope', path: '/api/v2/stream/nope', params: [], codec: tradesRoute.codec },
      { name: 'trades', path: '/api/v2/stream/trades/', params: tradesRoute.params, codec: tradesRoute.codec },
      { name: 'rest', path: '/api/v2/markets', params: [], codec: tradesRoute.codec },
    ];
    for (const route of unknown) {
      for (const entry of ['stream', 'rawStream'] as const) {
        it(`${entry}() with the path ${route.path}`, () => {
          let error: unknown;
          const open: Observable<unknown> = entry === 'stream' ? vega.stream(route, {}) : vega.rawStream(route, {});
          const subscription = open.subscribe({ error: (e: unknown) => (error = e) });
          expect(subscription.closed, 'the subscription ended on subscribe').to.equal(true);
          expect(error).to.be.instanceOf(BadRequestError);
          const e = error as BadRequestError;
          expect(e.route).to.equal(route.path);
          expect(e.parameter).to.equal('');
          expect(e.message).to.contain('unknown route').and.to.contain('/api/v2/stream/trades');
        });
      }
    }
  });
});
