import { ObservePositionsResponseCodec, type ObservePositionsResponse } from '../../codecs/index.js';
import { derivedPartiesNeedParty, type RouteDefinition } from '../route-definition.js';

/** Filters of the positions stream. */
export interface PositionsFilters {
  /** Only this party's positions. */
  readonly partyId?: string;
  /** Only positions on this market. */
  readonly marketId?: string;
  /** Include the AMM parties derived from `partyId` (needs `partyId`). */
  readonly includeDerivedParties?: boolean;
}

/** `/api/v2/stream/positions`: a paged snapshot (none if there is no position), then `updates` per block. */
export const positionsRoute: RouteDefinition<PositionsFilters, ObservePositionsResponse> = {
  name: 'positions',
  path: '/api/v2/stream/positions',
  params: [
    { name: 'partyId', kind: 'partyId' },
    { name: 'marketId', kind: 'id' },
    { name: 'includeDerivedParties', kind: 'bool' },
  ],
  check: derivedPartiesNeedParty,
  codec: ObservePositionsResponseCodec,
};
