import { ObserveMarketsDataResponseCodec, type ObserveMarketsDataResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';
import type { MarketsFilters } from './markets-depth.js';

/** `/api/v2/stream/markets/data`: the market data of all watched markets, one frame per block. */
export const marketsDataRoute: RouteDefinition<MarketsFilters, ObserveMarketsDataResponse> = {
  name: 'marketsData',
  path: '/api/v2/stream/markets/data',
  params: [{ name: 'marketIds', kind: 'id', repeated: true, required: true }],
  codec: ObserveMarketsDataResponseCodec,
};
