import type { Observable } from 'rxjs';
import type {
  ObserveAccountsResponse,
  ObserveCandleDataResponse,
  ObserveEventBusResponse,
  ObserveGovernanceResponse,
  ObserveLedgerMovementsResponse,
  ObserveLiquidityProvisionsResponse,
  ObserveMarginLevelsResponse,
  ObserveMarketsDataResponse,
  ObserveMarketsDepthResponse,
  ObserveMarketsDepthUpdatesResponse,
  ObserveOrdersResponse,
  ObservePositionsResponse,
  ObserveTradesResponse,
  ObserveTransactionResultsResponse,
  ObserveVotesResponse,
} from '../codecs/index.js';
import {
  accountsRoute,
  candleDataRoute,
  eventBusRoute,
  governanceRoute,
  ledgerMovementsRoute,
  liquidityProvisionsRoute,
  marginLevelsRoute,
  marketsDataRoute,
  marketsDepthRoute,
  marketsDepthUpdatesRoute,
  ordersRoute,
  positionsRoute,
  streamRoute,
  rawRoute,
  latestMarketDepth,
  defaultTransport,
  tradesRoute,
  transactionResultsRoute,
  votesRoute,
  type AccountsFilters,
  type CandleDataFilters,
  type EventBusFilters,
  type GovernanceFilters,
  type LiquidityProvisionsFilters,
  type MarginLevelsFilters,
  type MarketsFilters,
  type OrdersFilters,
  type PositionsFilters,
  type RouteDefinition,
  type StreamContext,
  type Transport,
  type LatestMarketDepth,
  type LatestMarketDepthOptions,
  type TradesFilters,
  type TransactionResultsFilters,
  type VotesFilters,
  type LedgerMovementsFilters,
} from '../endpoints/index.js';
import { resolveSocketOptions } from '../socket/options.js';
import type { SocketOptions } from '../socket/index.js';
import { NodeRing } from './node-ring.js';

/** Options of {@link createClient}: the nodes plus the socket options every subscription uses. */
export interface ClientOptions extends Omit<SocketOptions, 'onOpen'> {
  /**
   * Data-node addresses (`wss://host`, or `https://host`, converted). New sockets go to the
   * current one; {@link VegaClient.rotateNode} moves on to the next (reconnect logic uses it).
   */
  readonly nodes: readonly string[];
}

/**
 * A client bound to one or more data nodes. Every method returns a cold Observable: nothing is
 * opened until you subscribe, each subscription owns its socket, and unsubscribing closes it.
 * Bad filters are refused with a BadRequestError before any socket opens.
 */
export interface VegaClient {
  /** The nodes' websocket base URLs, normalised. */
  readonly nodes: readonly string[];
  /** The node new subscriptions connect to. */
  currentNode(): string;
  /** Switch new subscriptions to the next node (wrapping around); returns it. */
  rotateNode(): string;
  /** Trades of each block, at most 50 a frame. */
  trades(filters?: TradesFilters): Observable<ObserveTradesResponse>;
  /** A paged snapshot of live orders, then updates per block. */
  orders(filters?: OrdersFilters): Observable<ObserveOrdersResponse>;
  /** A paged snapshot of positions, then updates per block. */
  positions(filters?: PositionsFilters): Observable<ObservePositionsResponse>;
  /** A paged snapshot of account balances, then updates per block. */
  accounts(filters?: AccountsFilters): Observable<ObserveAccountsResponse>;
  /** Full books of the watched markets that changed in a block. */
  marketsDepth(filters: MarketsFilters): Observable<ObserveMarketsDepthResponse>;
  /** Changed book levels per block, chained by sequence numbers. */
  marketsDepthUpdates(filters: MarketsFilters): Observable<ObserveMarketsDepthUpdatesResponse>;
  /** Market data of the watched markets, once per block. */
  marketsData(filters: MarketsFilters): Observable<ObserveMarketsDataResponse>;
  /** The current candle, re-sent every second. */
  candleData(filters: CandleDataFilters): Observable<ObserveCandleDataResponse>;
  /** Votes as they are cast (needs partyId or proposalId). */
  votes(filters: VotesFilters): Observable<ObserveVotesResponse>;
  /** Changed margin levels per block. */
  marginLevels(filters?: MarginLevelsFilters): Observable<ObserveMarginLevelsResponse>;
  /** Proposals as they change. */
  governance(filters?: GovernanceFilters): Observable<ObserveGovernanceResponse>;
  /** The raw core event bus, with optional batching and back-pressure. */
  eventBus(filters?: EventBusFilters): Observable<ObserveEventBusResponse>;
  /** Every ledger movement, one a frame. */
  ledgerMovements(filters?: LedgerMovementsFilters): Observable<ObserveLedgerMovementsResponse>;
  /** Changed liquidity provisions per block. */
  liquidityProvisions(filters?: LiquidityProvisionsFilters): Observable<ObserveLiquidityProvisionsResponse>;
  /** Transaction results as transactions are processed. */
  transactionResults(filters?: TransactionResultsFilters): Observable<ObserveTransactionResultsResponse>;
  /**
   * Any stream route by its definition (the methods above are shorthands for this). A path a
   * v0.79 data node does not stream is refused with a `BadRequestError` before any socket opens.
   */
  stream<F, R>(route: RouteDefinition<F, R>, filters: F): Observable<R>;
  /**
   * Any route, not decoded: the `result` of every frame as parsed JSON (error frames still
   * fail the stream with typed errors). Pipe it through the `decode` operator to choose what
   * a frame that does not decode does.
   */
  rawStream<F>(route: RouteDefinition<F, unknown>, filters: F): Observable<Readonly<Record<string, unknown>>>;
  /** One GET of a market's latest full book with its sequence number (REST), for a book resync. */
  latestMarketDepth(marketId: string, options?: LatestMarketDepthOptions): Observable<LatestMarketDepth>;
}

/**
 * Create a client for one or more data nodes. Throws a TypeError for a malformed node address
 * and a RangeError for a negative or non-numeric timeout.
 *
 * @example
 * const vega = createClient({ nodes: ['wss://api.n07.testnet.vega.xyz'] });
 * vega.trades({ marketIds: [marketId] }).subscribe((r) => console.log(r.trades));
 */
export function createClient(options: ClientOptions): VegaClient {
  return createClientOver(defaultTransport, options);
}

/**
 * {@link createClient} over another transport (the testing kit's fake data node uses it).
 * Not part of the public surface.
 */
export function createClientOver(transport: Transport, options: ClientOptions): VegaClient {
  const { nodes, ...socket } = options;
  const ring = new NodeRing(nodes);
  resolveSocketOptions(socket); // bad options fail here, once, rather than on every subscribe
  const context: StreamContext = { node: () => ring.current(), socket, transport };
  const stream = <F, R>(route: RouteDefinition<F, R>, filters: F): Observable<R> => streamRoute(route, filters, context);
  return {
    nodes: ring.nodes,
    currentNode: () => ring.current(),
    rotateNode: () => ring.rotate(),
    trades: (filters = {}) => stream(tradesRoute, filters),
    orders: (filters = {}) => stream(ordersRoute, filters),
    positions: (filters = {}) => stream(positionsRoute, filters),
    accounts: (filters = {}) => stream(accountsRoute, filters),
    marketsDepth: (filters) => stream(marketsDepthRoute, filters),
    marketsDepthUpdates: (filters) => stream(marketsDepthUpdatesRoute, filters),
    marketsData: (filters) => stream(marketsDataRoute, filters),
    candleData: (filters) => stream(candleDataRoute, filters),
    votes: (filters) => stream(votesRoute, filters),
    marginLevels: (filters = {}) => stream(marginLevelsRoute, filters),
    governance: (filters = {}) => stream(governanceRoute, filters),
    eventBus: (filters = {}) => stream(eventBusRoute, filters),
    // The route takes no filters: any given (from JavaScript) is refused rather than ignored.
    ledgerMovements: (filters = {}) => stream(ledgerMovementsRoute, filters),
    liquidityProvisions: (filters = {}) => stream(liquidityProvisionsRoute, filters),
    transactionResults: (filters = {}) => stream(transactionResultsRoute, filters),
    stream,
    rawStream: (route, filters) => rawRoute(route, filters, context),
    latestMarketDepth: (marketId, depthOptions) => latestMarketDepth(marketId, context, depthOptions),
  };
}
