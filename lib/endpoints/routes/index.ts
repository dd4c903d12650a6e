/** Definitions of the 15 `/api/v2/stream/*` routes. */
export { tradesRoute, type TradesFilters } from './trades.js';
export { ordersRoute, type OrdersFilters } from './orders.js';
export { positionsRoute, type PositionsFilters } from './positions.js';
export { accountsRoute, type AccountsFilters } from './accounts.js';
export { marketsDepthRoute, type MarketsFilters } from './markets-depth.js';
export { marketsDepthUpdatesRoute } from './markets-depth-updates.js';
export { marketsDataRoute } from './markets-data.js';
export { candleDataRoute, type CandleDataFilters } from './candle-data.js';
export { votesRoute, type VotesFilters } from './votes.js';
export { marginLevelsRoute, type MarginLevelsFilters } from './margin-levels.js';
export { governanceRoute, type GovernanceFilters } from './governance.js';
export {
  eventBusRoute,
  eventBusRequest,
  EVENT_BUS_REQUEST_FIELDS,
  type EventBusFilters,
  type EventBusRequest,
  type BusEventTypeInput,
} from './event-bus.js';
export { ledgerMovementsRoute, type LedgerMovementsFilters } from './ledger-movements.js';
export { liquidityProvisionsRoute, type LiquidityProvisionsFilters } from './liquidity-provisions.js';
export { transactionResultsRoute, type TransactionResultsFilters } from './transaction-results.js';
export { STREAM_ROUTES, type StreamRouteName } from './stream-routes.js';
