/** The stream and REST routes of the simulated data node. */
import type { ServedStream } from '../stream-server.js';
import { ledgerMovementsStream, liquidityProvisionsStream, marginLevelsStream, tradesStream, transactionResultsStream } from './activity-routes.js';
import { candleDataStream } from './candle-route.js';
import { eventBusStream } from './event-bus-route.js';
import { governanceStream, votesStream } from './governance-routes.js';
import { marketsDataStream, marketsDepthStream, marketsDepthUpdatesStream } from './market-routes.js';
import { accountsStream, ordersStream, positionsStream } from './party-routes.js';
import { restRoutes } from './rest-routes.js';
import type { RouteContext } from './route-context.js';

export type { BlockFeed, RouteContext } from './route-context.js';
export { readEventBusRequest, type EventBusRequestFrame } from './event-bus-route.js';

/** All 15 stream routes. */
export function streamRoutes(ctx: RouteContext): ServedStream[] {
  return [
    accountsStream(ctx),
    ordersStream(ctx),
    positionsStream(ctx),
    marketsDepthStream(ctx),
    marketsDepthUpdatesStream(ctx),
    marketsDataStream(ctx),
    candleDataStream(ctx),
    votesStream(ctx),
    tradesStream(ctx),
    marginLevelsStream(ctx),
    governanceStream(ctx),
    eventBusStream(ctx),
    ledgerMovementsStream(ctx),
    liquidityProvisionsStream(ctx),
    transactionResultsStream(ctx),
  ];
}

export { restRoutes };
