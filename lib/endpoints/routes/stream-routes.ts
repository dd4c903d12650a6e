import { accountsRoute } from './accounts.js';
import { candleDataRoute } from './candle-data.js';
import { eventBusRoute } from './event-bus.js';
import { governanceRoute } from './governance.js';
import { ledgerMovementsRoute } from './ledger-movements.js';
import { liquidityProvisionsRoute } from './liquidity-provisions.js';
import { marginLevelsRoute } from './margin-levels.js';
import { marketsDataRoute } from './markets-data.js';
import { marketsDepthRoute } from './markets-depth.js';
import { marketsDepthUpdatesRoute } from './markets-depth-updates.js';
import { ordersRoute } from './orders.js';
import { positionsRoute } from './positions.js';
import { tradesRoute } from './trades.js';
import { transactionResultsRoute } from './transaction-results.js';
import { votesRoute } from './votes.js';

/** The 15 stream routes by the name of their client method (`trades`, `marketsData`, …). */
export const STREAM_ROUTES = {
  trades: tradesRoute,
  orders: ordersRoute,
  positions: positionsRoute,
  accounts: accountsRoute,
  marketsDepth: marketsDepthRoute,
  marketsDepthUpdates: marketsDepthUpdatesRoute,
  marketsData: marketsDataRoute,
  candleData: candleDataRoute,
  votes: votesRoute,
  marginLevels: marginLevelsRoute,
  governance: governanceRoute,
  eventBus: eventBusRoute,
  ledgerMovements: ledgerMovementsRoute,
  liquidityProvisions: liquidityProvisionsRoute,
  transactionResults: transactionResultsRoute,
} as const;

/** A stream route's name, as the client method (and the route definition's `name`). */
export type StreamRouteName = keyof typeof STREAM_ROUTES;
