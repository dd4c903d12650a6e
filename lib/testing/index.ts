/**
 * vega-streams/testing: marble-test strategy code against a fake data node. A real VegaClient
 * over scripted frames (so filter checks, envelope parsing, decoding and typed errors all run),
 * builders for realistic frames, and ready errors for dropped and stale sockets.
 *
 * @module vega-streams/testing
 */
export { fakeDataNode, type FakeDataNode, type FakeDataNodeConfig } from './fake-data-node.js';
export {
  STREAM_ROUTES,
  LATEST_MARKET_DEPTH,
  type StreamRouteName,
  type FakeRouteName,
  type FakeRouteScripts,
  type StreamScripts,
  type RouteScript,
  type FakeRequest,
  type LatestMarketDepthRequest,
  type RestFrame,
} from './fake-routes.js';
export type { HttpResponse } from '../endpoints/http-get.js';
export type { FakeFrame, ResultFrame, ErrorFrame, ErrorFrameDetail, StatusFrame } from './fake-frame.js';
export type { FakeConnection, ConnectionState, SentFrame } from './connection-log.js';
export { FAKE_NODE_URL } from './fake-node-url.js';
export { drop, dropped, stale, unreachable } from './socket-errors.js';
export {
  vegaId,
  timeNs,
  BASE_TIME_NS,
  DEFAULT_MARKET_ID,
  SECOND_MARKET_ID,
  DEFAULT_PARTY_ID,
  COUNTERPARTY_ID,
  DEFAULT_ASSET_ID,
} from './ids.js';
export { zeroOf } from './zero-value.js';
export { trade, order, DEFAULT_PRICE } from './trading-builders.js';
export { position, account } from './party-builders.js';
export { priceLevel, depth, depthUpdate, marketData, type IntegerLike } from './market-builders.js';
export { pages, PAGE_SIZE } from './pages.js';
export {
  tradesFrame,
  ordersSnapshot,
  ordersSnapshotPages,
  ordersUpdates,
  positionsSnapshot,
  positionsSnapshotPages,
  positionsUpdates,
  accountsSnapshot,
  accountsSnapshotPages,
  accountsUpdates,
  depthFrame,
  depthUpdatesFrame,
  marketsDataFrame,
  type SnapshotOptions,
} from './stream-frames.js';
export { errorFrame, channelClosedFrame, tooManySubscriptionsFrame, statusFrame, MAX_SUBSCRIPTIONS_MESSAGE } from './error-frames.js';
export { seededRandom } from './seeded-random.js';
