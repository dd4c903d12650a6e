import { ObserveVotesResponseCodec, type ObserveVotesResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the votes stream: a party, a proposal, or both (one is required). */
export interface VotesFilters {
  /** Only this party's votes. */
  readonly partyId?: string;
  /** Only votes on this proposal (the real node's filter never matches: filter again client-side). */
  readonly proposalId?: string;
}

/** `/api/v2/stream/votes`: one vote a frame as they are cast. */
export const votesRoute: RouteDefinition<VotesFilters, ObserveVotesResponse> = {
  name: 'votes',
  path: '/api/v2/stream/votes',
  params: [
    { name: 'partyId', kind: 'partyId' },
    { name: 'proposalId', kind: 'id' },
  ],
  check: (filters) =>
    filters.partyId === undefined && filters.proposalId === undefined
      ? { parameter: 'partyId', problem: 'votes needs partyId or proposalId (the node refuses the stream without one)' }
      : undefined,
  codec: ObserveVotesResponseCodec,
};
