import {
  ObserveMarketsDataResponseCodec,
  ObserveMarketsDepthResponseCodec,
  ObserveMarketsDepthUpdatesResponseCodec,
  type ObserveMarketsDataResponse,
  type ObserveMarketsDepthResponse,
  type ObserveMarketsDepthUpdatesResponse,
} from '../../../codecs/index.js';
import { marketsDataRoute, marketsDepthRoute, marketsDepthUpdatesRoute } from '../../../endpoints/index.js';
import type { GatewayRequest } from '../gateway-query.js';
import { GRPC, unmappedErrorFrame } from '../node-errors.js';
import type { ServedStream } from '../stream-server.js';
import { blockRoute } from './block-route.js';
import type { RouteContext } from './route-context.js';

const marketIdsOf = (request: GatewayRequest): readonly string[] => (request['marketIds'] as readonly string[] | undefined) ?? [];

/** An unknown market id ends the stream with an Internal error the node's error map does not know. */
function unknownMarket(request: GatewayRequest, ctx: RouteContext): object | undefined {
  const unknown = marketIdsOf(request).find((id) => !ctx.node.hasMarket(id));
  return unknown === undefined ? undefined : unmappedErrorFrame(GRPC.Internal, `no market found for id:${unknown} : malformed request`);
}

/** No market ids: the node subscribes to nothing and never sends a frame. */
const withoutMarkets = (request: GatewayRequest): boolean => marketIdsOf(request).length === 0;

/** `/api/v2/stream/markets/depth`: the full books of the watched markets that changed, one frame per block. */
export function marketsDepthStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveMarketsDepthResponse>(
    {
      path: marketsDepthRoute.path,
      params: marketsDepthRoute.params,
      codec: ObserveMarketsDepthResponseCodec,
      refuse: unknownMarket,
      silent: withoutMarkets,
      frames: (request, block) => {
        const ids = marketIdsOf(request);
        const marketDepth = block.marketDepths.filter((d) => ids.includes(d.marketId));
        return marketDepth.length ? [{ marketDepth }] : [];
      },
    },
    ctx,
  );
}

/** `/api/v2/stream/markets/depth/updates`: each watched market's changed levels, one update a frame. */
export function marketsDepthUpdatesStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveMarketsDepthUpdatesResponse>(
    {
      path: marketsDepthUpdatesRoute.path,
      params: marketsDepthUpdatesRoute.params,
      codec: ObserveMarketsDepthUpdatesResponseCodec,
      refuse: unknownMarket,
      silent: withoutMarkets,
      frames: (request, block) => {
        const ids = marketIdsOf(request);
        return block.depthUpdates.filter((u) => ids.includes(u.marketId)).map((u) => ({ update: [u] }));
      },
      // one update a frame: the same frame for every subscriber watching its market
      sharedBy: (response) => response.update[0],
    },
    ctx,
  );
}

/** `/api/v2/stream/markets/data`: the market data of every watched market in one frame per block. */
export function marketsDataStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveMarketsDataResponse>(
    {
      path: marketsDataRoute.path,
      params: marketsDataRoute.params,
      codec: ObserveMarketsDataResponseCodec,
      refuse: unknownMarket,
      silent: withoutMarkets,
      frames: (request, block) => {
        const ids = marketIdsOf(request);
        const marketData = block.marketData.filter((d) => ids.includes(d.market));
        return marketData.length ? [{ marketData }] : [];
      },
    },
    ctx,
  );
}
