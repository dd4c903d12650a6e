import { ObserveTradesResponseCodec, type ObserveTradesResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the trades stream. */
export interface TradesFilters {
  /** Only trades on these markets (64-hex ids). All markets when left out. */
  readonly marketIds?: readonly string[];
  /** Only trades where one of these parties is buyer or seller. */
  readonly partyIds?: readonly string[];
}

/** `/api/v2/stream/trades`: the trades of each block, at most 50 a frame; nothing on subscribe. */
export const tradesRoute: RouteDefinition<TradesFilters, ObserveTradesResponse> = {
  name: 'trades',
  path: '/api/v2/stream/trades',
  params: [
    { name: 'marketIds', kind: 'id', repeated: true },
    { name: 'partyIds', kind: 'partyId', repeated: true },
  ],
  codec: ObserveTradesResponseCodec,
};
