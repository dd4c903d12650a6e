import { asyncScheduler, type Observable, type SchedulerLike } from 'rxjs';
import type { VegaClient } from '../client/index.js';
import { STREAM_ROUTES as R, type RouteDefinition } from '../endpoints/index.js';
import { SharedRoutes } from './share-registry.js';

/** Configuration of {@link shareStreams}. */
export interface ShareStreamsConfig {
  /**
   * How long a socket outlives its last subscriber, in ms, so that a quick resubscribe (a
   * component remounting) reuses it. Default 0: the socket closes as soon as the last
   * subscriber leaves, as without sharing.
   */
  readonly teardownDelayMs?: number;
  /** The scheduler that runs the teardown delay. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * A client whose subscriptions share sockets: every route method (and `stream`) pools
 * identical subscriptions (same route definition, same filters up to key order, list order and
 * undefined values) over one underlying subscription of `client`, ref-counted: the socket opens
 * with the first subscriber and closes after the last one leaves (plus `teardownDelayMs`).
 *
 * - Bad filters are refused on subscribe with the same BadRequestError, and open nothing.
 * - An error (a dropped socket, an error frame) reaches every subscriber of that socket; the
 *   next subscribe opens a fresh one. A completion likewise.
 * - Late subscribers get the current state first: on orders, positions and accounts a snapshot
 *   rebuilt from the frames seen so far (pages of 50, `lastPage` on the last one once the
 *   original snapshot is complete; while it is still arriving, the pages so far, then the rest
 *   of it live); on candles the latest frame. Other routes send no initial frames and are
 *   shared as they are. Only the current state is kept, never the history.
 * - Frames are the same objects for every subscriber: treat them as immutable.
 * - NOT shared, passed straight to `client`: the event bus (`eventBus`, and `stream` of any route
 *   that talks back), since each subscriber sends its own request and per-batch acks;
 *   `rawStream`; `latestMarketDepth`.
 *
 * Throws a RangeError for a negative or non-finite `teardownDelayMs`.
 *
 * @example
 * const vega = shareStreams(createClient({ nodes }), { teardownDelayMs: 2_000 });
 * vega.orders({ partyIds: [party] }).subscribe(a); // opens the socket
 * vega.orders({ partyIds: [party] }).subscribe(b); // same socket; b first gets the rebuilt snapshot
 */
export function shareStreams(client: VegaClient, config: ShareStreamsConfig = {}): VegaClient {
  const teardownDelayMs = config.teardownDelayMs ?? 0;
  if (!Number.isFinite(teardownDelayMs) || teardownDelayMs < 0) {
    throw new RangeError(`teardownDelayMs must be a finite number >= 0 (got ${String(teardownDelayMs)})`);
  }
  const routes = new SharedRoutes({ teardownDelayMs, scheduler: config.scheduler ?? asyncScheduler });
  const stream = <F, R>(route: RouteDefinition<F, R>, filters: F): Observable<R> =>
    route.conversation ? client.stream(route, filters) : routes.stream(route, filters, () => client.stream(route, filters));
  return {
    get nodes() {
      return client.nodes;
    },
    currentNode: () => client.currentNode(),
    rotateNode: () => client.rotateNode(),
    trades: (filters) => stream(R.trades, filters ?? {}),
    orders: (filters) => stream(R.orders, filters ?? {}),
    positions: (filters) => stream(R.positions, filters ?? {}),
    accounts: (filters) => stream(R.accounts, filters ?? {}),
    marketsDepth: (filters) => stream(R.marketsDepth, filters ?? {}),
    marketsDepthUpdates: (filters) => stream(R.marketsDepthUpdates, filters ?? {}),
    marketsData: (filters) => stream(R.marketsData, filters ?? {}),
    candleData: (filters) => stream(R.candleData, filters ?? {}),
    votes: (filters) => stream(R.votes, filters ?? {}),
    marginLevels: (filters) => stream(R.marginLevels, filters ?? {}),
    governance: (filters) => stream(R.governance, filters ?? {}),
    eventBus: (filters) => client.eventBus(filters),
    ledgerMovements: () => stream(R.ledgerMovements, {}),
    liquidityProvisions: (filters) => stream(R.liquidityProvisions, filters ?? {}),
    transactionResults: (filters) => stream(R.transactionResults, filters ?? {}),
    stream,
    rawStream: (route, filters) => client.rawStream(route, filters),
    latestMarketDepth: (marketId, options) => client.latestMarketDepth(marketId, options),
  };
}
