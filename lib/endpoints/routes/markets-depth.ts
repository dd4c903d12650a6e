import { ObserveMarketsDepthResponseCodec, type ObserveMarketsDepthResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the market-depth routes and market data: the markets to watch (required). */
export interface MarketsFilters {
  /** The markets to watch; required, since the node sends nothing at all without it. */
  readonly marketIds: readonly string[];
}

/** `/api/v2/stream/markets/depth`: the full book of each market that changed in a block. */
export const marketsDepthRoute: RouteDefinition<MarketsFilters, ObserveMarketsDepthResponse> = {
  name: 'marketsDepth',
  path: '/api/v2/stream/markets/depth',
  params: [{ name: 'marketIds', kind: 'id', repeated: true, required: true }],
  codec: ObserveMarketsDepthResponseCodec,
};
