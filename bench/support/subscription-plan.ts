// The mix of subscriptions the memory benchmark opens, and their URLs for bare sockets.
import { marketsDataRoute, marketsDepthUpdatesRoute, nodeBaseUrl, routeQuery, streamUrl, tradesRoute } from '../../lib/endpoints/index.js';

/** The routes in the mix. */
export type PlannedRoute = 'trades' | 'marketsDepthUpdates' | 'marketsData';

/** One planned subscription. */
export interface PlannedSubscription {
  /** The client method / route. */
  readonly route: PlannedRoute;
  /** Its market filter. */
  readonly marketIds: readonly string[];
}

/**
 * `count` subscriptions over the markets: 40% depth updates, 30% market data, 30% trades; each
 * on one market (round robin), except every eleventh, which watches every market.
 */
export function subscriptionPlan(markets: readonly string[], count: number): PlannedSubscription[] {
  const plan: PlannedSubscription[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    const route: PlannedRoute = slot < 4 ? 'marketsDepthUpdates' : slot < 7 ? 'marketsData' : 'trades';
    const marketIds = i % 11 === 10 ? [...markets] : [markets[i % markets.length] as string];
    plan.push({ route, marketIds });
  }
  return plan;
}

/** The websocket URL the library opens for a planned subscription on a node. */
export function plannedUrl(node: string, planned: PlannedSubscription): string {
  const filters = { marketIds: planned.marketIds };
  const route = { trades: tradesRoute, marketsDepthUpdates: marketsDepthUpdatesRoute, marketsData: marketsDataRoute }[planned.route];
  return streamUrl(nodeBaseUrl(node), route.path, routeQuery(route, filters));
}
