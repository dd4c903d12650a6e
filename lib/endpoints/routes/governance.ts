import { ObserveGovernanceResponseCodec, type ObserveGovernanceResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the governance stream. */
export interface GovernanceFilters {
  /** Only proposals made by this party. */
  readonly partyId?: string;
}

/** `/api/v2/stream/governance`: one proposal (with its votes) a frame, whenever it changes. */
export const governanceRoute: RouteDefinition<GovernanceFilters, ObserveGovernanceResponse> = {
  name: 'governance',
  path: '/api/v2/stream/governance',
  params: [{ name: 'partyId', kind: 'partyId' }],
  codec: ObserveGovernanceResponseCodec,
};
