import {
  ObserveGovernanceResponseCodec,
  ObserveVotesResponseCodec,
  type ObserveGovernanceResponse,
  type ObserveVotesResponse,
} from '../../../codecs/index.js';
import { governanceRoute, votesRoute } from '../../../endpoints/index.js';
import { API_ERRORS, GRPC, streamErrorFrame } from '../node-errors.js';
import type { ServedStream } from '../stream-server.js';
import { blockRoute } from './block-route.js';
import { matches, textParam, type RouteContext } from './route-context.js';


/** `/api/v2/stream/votes`: votes as they are cast; needs a party id or a proposal id. */
export function votesStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveVotesResponse>(
    {
      path: votesRoute.path,
      params: votesRoute.params,
      codec: ObserveVotesResponseCodec,
      refuse: (request) =>
        textParam(request, 'partyId') === undefined && textParam(request, 'proposalId') === undefined
          ? streamErrorFrame(GRPC.InvalidArgument, API_ERRORS.missingProposalIdOrPartyId)
          : undefined,
      frames: (request, block) => {
        const partyId = textParam(request, 'partyId');
        const proposalId = textParam(request, 'proposalId');
        return block.votes
          .filter(
            (vote) =>
              matches(partyId, vote.partyId) &&
              // v0.79 compares the vote's party id with the proposal id: with filterBugs it never matches.
              matches(proposalId, ctx.filterBugs ? vote.partyId : vote.proposalId),
          )
          .map((vote) => ({ vote }));
      },
    },
    ctx,
  );
}

/** `/api/v2/stream/governance`: each proposal change (with its votes), of the proposer when given. */
export function governanceStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveGovernanceResponse>(
    {
      path: governanceRoute.path,
      params: governanceRoute.params,
      codec: ObserveGovernanceResponseCodec,
      frames: (request, block) => {
        const partyId = textParam(request, 'partyId');
        return block.governance.filter((data) => matches(partyId, data.proposal?.partyId ?? '')).map((data) => ({ data }));
      },
    },
    ctx,
  );
}
