import { ObserveLiquidityProvisionsResponseCodec, type ObserveLiquidityProvisionsResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the liquidity-provisions stream. */
export interface LiquidityProvisionsFilters {
  /** Only provisions on this market. */
  readonly marketId?: string;
  /** Only this party's provisions. */
  readonly partyId?: string;
}

/** `/api/v2/stream/liquidity-provisions`: changed provisions per block, at most 50 a frame. */
export const liquidityProvisionsRoute: RouteDefinition<LiquidityProvisionsFilters, ObserveLiquidityProvisionsResponse> = {
  name: 'liquidityProvisions',
  path: '/api/v2/stream/liquidity-provisions',
  params: [
    { name: 'marketId', kind: 'id' },
    { name: 'partyId', kind: 'partyId' },
  ],
  codec: ObserveLiquidityProvisionsResponseCodec,
};
