import { ObserveMarginLevelsResponseCodec, type ObserveMarginLevelsResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the margin-levels stream. */
export interface MarginLevelsFilters {
  /** Only this party's margin levels. */
  readonly partyId?: string;
  /** Only this market's (the node ignores it when partyId matches: filter again client-side). */
  readonly marketId?: string;
}

/** `/api/v2/stream/margin/levels`: changed margin levels per block, one a frame. */
export const marginLevelsRoute: RouteDefinition<MarginLevelsFilters, ObserveMarginLevelsResponse> = {
  name: 'marginLevels',
  path: '/api/v2/stream/margin/levels',
  params: [
    { name: 'partyId', kind: 'partyId' },
    { name: 'marketId', kind: 'id' },
  ],
  codec: ObserveMarginLevelsResponseCodec,
};
