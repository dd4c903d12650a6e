import { ObserveMarketsDepthUpdatesResponseCodec, type ObserveMarketsDepthUpdatesResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';
import type { MarketsFilters } from './markets-depth.js';

/**
 * `/api/v2/stream/markets/depth/updates`: changed levels per block (absolute volumes; a level
 * without volume is removed), one update a frame, chained by `previousSequenceNumber`.
 */
export const marketsDepthUpdatesRoute: RouteDefinition<MarketsFilters, ObserveMarketsDepthUpdatesResponse> = {
  name: 'marketsDepthUpdates',
  path: '/api/v2/stream/markets/depth/updates',
  params: [{ name: 'marketIds', kind: 'id', repeated: true, required: true }],
  codec: ObserveMarketsDepthUpdatesResponseCodec,
};
