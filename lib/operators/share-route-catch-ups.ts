import { accountsRoute, candleDataRoute, ordersRoute, positionsRoute, type RouteDefinition } from '../endpoints/index.js';
import { latestFrameCatchUp, noCatchUp, snapshotCatchUp, type CatchUpFactory } from './share-catch-up.js';
import { ACCOUNTS, ORDERS, POSITIONS } from './snapshot-kinds.js';

/** The routes whose first frames are state, by definition (matched by identity, so the response type is known). */
const CATCH_UPS = new Map<RouteDefinition<never, unknown>, CatchUpFactory<unknown>>([
  [ordersRoute, () => snapshotCatchUp(ORDERS)],
  [positionsRoute, () => snapshotCatchUp(POSITIONS)],
  [accountsRoute, () => snapshotCatchUp(ACCOUNTS)],
  [candleDataRoute, () => latestFrameCatchUp()],
]);

/**
 * How a shared subscription of `route` brings late subscribers up to date: a rebuilt snapshot
 * for orders, positions and accounts, the latest frame for candles, nothing for the other
 * routes (they send no initial frames). Custom route definitions get nothing.
 */
export function routeCatchUp<R>(route: RouteDefinition<never, R>): CatchUpFactory<R> {
  // The table holds the built-in definitions only, each with the catch-up of its own response type.
  return (CATCH_UPS.get(route) as CatchUpFactory<R> | undefined) ?? noCatchUp;
}
