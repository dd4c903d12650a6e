/** The REST routes the library uses besides the streams (a book resync). */
export {
  latestMarketDepth,
  LatestMarketDepthCodec,
  LATEST_MARKET_DEPTH_PATH,
  type LatestMarketDepth,
  type LatestMarketDepthOptions,
} from './latest-market-depth.js';
export { restResult } from './rest-result.js';
