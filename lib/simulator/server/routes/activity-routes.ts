import {
  ObserveLedgerMovementsResponseCodec,
  ObserveLiquidityProvisionsResponseCodec,
  ObserveMarginLevelsResponseCodec,
  ObserveTradesResponseCodec,
  ObserveTransactionResultsResponseCodec,
  type ObserveLedgerMovementsResponse,
  type ObserveLiquidityProvisionsResponse,
  type ObserveMarginLevelsResponse,
  type ObserveTradesResponse,
  type ObserveTransactionResultsResponse,
} from '../../../codecs/index.js';
import {
  ledgerMovementsRoute,
  liquidityProvisionsRoute,
  marginLevelsRoute,
  tradesRoute,
  transactionResultsRoute,
} from '../../../endpoints/index.js';
import type { ServedStream } from '../stream-server.js';
import { blockRoute } from './block-route.js';
import { inList, listParam, matches, pages, textParam, type RouteContext } from './route-context.js';


/** `/api/v2/stream/trades`: each block's trades of the watched markets and parties, at most 50 a frame. */
export function tradesStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveTradesResponse>(
    {
      path: tradesRoute.path,
      params: tradesRoute.params,
      codec: ObserveTradesResponseCodec,
      frames: (request, block) => {
        const marketIds = listParam(request, 'marketIds');
        const partyIds = listParam(request, 'partyIds');
        const trades = block.trades.filter(
          (t) => inList(marketIds, t.marketId) && (inList(partyIds, t.buyer) || inList(partyIds, t.seller)),
        );
        return pages(trades).map((page) => ({ trades: page }));
      },
    },
    ctx,
  );
}

/** `/api/v2/stream/margin/levels`: each changed margin level of the party / market, one a frame. */
export function marginLevelsStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveMarginLevelsResponse>(
    {
      path: marginLevelsRoute.path,
      params: marginLevelsRoute.params,
      codec: ObserveMarginLevelsResponseCodec,
      frames: (request, block) => {
        const partyId = textParam(request, 'partyId');
        const marketId = textParam(request, 'marketId');
        return block.marginLevels
          .filter((m) =>
            ctx.filterBugs && partyId !== undefined && m.partyId === partyId
              ? true // v0.79: a party match ignores the market filter
              : matches(partyId, m.partyId) && matches(marketId, m.marketId),
          )
          .map((marginLevels) => ({ marginLevels }));
      },
    },
    ctx,
  );
}

/** `/api/v2/stream/ledger/movements`: every ledger movement, one a frame. */
export function ledgerMovementsStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveLedgerMovementsResponse>(
    {
      path: ledgerMovementsRoute.path,
      params: [],
      codec: ObserveLedgerMovementsResponseCodec,
      frames: (_request, block) => block.ledgerMovements.map((ledgerMovement) => ({ ledgerMovement })),
    },
    ctx,
  );
}

/** `/api/v2/stream/liquidity-provisions`: each block's changed provisions, at most 50 a frame. */
export function liquidityProvisionsStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveLiquidityProvisionsResponse>(
    {
      path: liquidityProvisionsRoute.path,
      params: liquidityProvisionsRoute.params,
      codec: ObserveLiquidityProvisionsResponseCodec,
      frames: (request, block) => {
        const marketId = textParam(request, 'marketId');
        const partyId = textParam(request, 'partyId');
        const provisions = block.liquidityProvisions.filter((lp) => matches(marketId, lp.marketId) && matches(partyId, lp.partyId));
        return pages(provisions).map((page) => ({ liquidityProvisions: page }));
      },
    },
    ctx,
  );
}

/** `/api/v2/stream/transaction-results`: each transaction's result as it is processed, one a frame. */
export function transactionResultsStream(ctx: RouteContext): ServedStream {
  return blockRoute<ObserveTransactionResultsResponse>(
    {
      path: transactionResultsRoute.path,
      params: transactionResultsRoute.params,
      codec: ObserveTransactionResultsResponseCodec,
      frames: (request, block) => {
        const partyIds = listParam(request, 'partyIds');
        const hashes = listParam(request, 'hashes')?.map((h) => h.toLowerCase());
        const status = request['status'] as boolean | undefined;
        return block.transactionResults
          .filter((r) => inList(partyIds, r.partyId) && inList(hashes, r.hash.toLowerCase()) && (status === undefined || r.status === status))
          .map((result) => ({ transactionResults: [result] }));
      },
    },
    ctx,
  );
}
