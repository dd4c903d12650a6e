import { MarketCodec, PriceLevelCodec } from '../../../codecs/index.js';
import { encodeRest } from '../../../codecs/runtime/index.js';
import { CANDLE_INTERVALS, candleId, isVegaId } from '../../../wire/index.js';
import { GRPC, unmappedErrorFrame } from '../node-errors.js';
import type { ServedRest } from '../stream-server.js';
import type { RouteContext } from './route-context.js';

/** A REST error as grpc-gateway writes it: the status object, with its HTTP status. */
function restError(status: number, frame: object): { status: number; body: unknown } {
  return { status, body: (frame as { error: unknown }).error };
}

const path = (pattern: RegExp) => (p: string) => {
  const match = pattern.exec(p);
  return match ? { ...(match.groups ?? {}) } : undefined;
};

/** The REST routes a client needs to resync and discover markets, in REST encoding (enum names, defaults). */
export function restRoutes(ctx: RouteContext): ServedRest[] {
  const unknownMarket = (id: string) => restError(500, unmappedErrorFrame(GRPC.Internal, `no market found for id:${id}`));
  return [
    {
      // GetLatestMarketDepth: the full book with its sequence number, for a resync.
      match: path(/^\/api\/v2\/market\/depth\/(?<marketId>[^/]+)\/latest$/),
      get: ({ marketId = '' }, query) => {
        if (!ctx.node.hasMarket(marketId)) return unknownMarket(marketId);
        const maxDepth = Number(query.get('maxDepth') ?? '0');
        const depth = ctx.node.marketDepth(marketId, Number.isSafeInteger(maxDepth) && maxDepth > 0 ? maxDepth : 0);
        return {
          status: 200,
          body: {
            marketId,
            buy: depth.buy.map((level) => encodeRest(PriceLevelCodec, level)),
            sell: depth.sell.map((level) => encodeRest(PriceLevelCodec, level)),
            lastTrade: null,
            sequenceNumber: depth.sequenceNumber,
          },
        };
      },
    },
    {
      // ListMarkets: one page with every market.
      match: path(/^\/api\/v2\/markets$/),
      get: () => ({
        status: 200,
        body: {
          markets: {
            edges: ctx.node.markets().map((market) => ({ node: encodeRest(MarketCodec, market), cursor: market.id })),
            pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: '', endCursor: '' },
          },
        },
      }),
    },
    {
      // GetMarket.
      match: path(/^\/api\/v2\/market\/(?<marketId>[0-9a-f]{64})$/),
      get: ({ marketId = '' }) => {
        const market = ctx.node.market(marketId);
        return market ? { status: 200, body: { market: encodeRest(MarketCodec, market) } } : unknownMarket(marketId);
      },
    },
    {
      // ListCandleIntervals: the candle id of every interval of a market.
      match: path(/^\/api\/v2\/candle\/intervals$/),
      get: (_params, query) => {
        const marketId = query.get('marketId') ?? '';
        if (!isVegaId(marketId) || !ctx.node.hasMarket(marketId)) return unknownMarket(marketId);
        return {
          status: 200,
          body: {
            intervalToCandleId: Object.keys(CANDLE_INTERVALS).map((interval) => ({
              interval,
              candleId: candleId(marketId, interval as keyof typeof CANDLE_INTERVALS),
            })),
          },
        };
      },
    },
  ];
}
