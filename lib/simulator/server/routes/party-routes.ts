import {
  AccountType,
  ObserveAccountsResponseCodec,
  ObserveOrdersResponseCodec,
  ObservePositionsResponseCodec,
  type AccountBalance,
  type ObserveAccountsResponse,
  type ObserveOrdersResponse,
  type ObservePositionsResponse,
  type Order,
  type Position,
} from '../../../codecs/index.js';
import { accountsRoute, ordersRoute, positionsRoute } from '../../../endpoints/index.js';
import { isPartyId, isVegaId } from '../../../wire/index.js';
import type { GatewayRequest } from '../gateway-query.js';
import { GRPC, streamErrorFrame, unmappedErrorFrame } from '../node-errors.js';
import type { ServedStream } from '../stream-server.js';
import { inList, listParam, matches, textParam, type RouteContext } from './route-context.js';
import { snapshotRoute } from './snapshot-route.js';


/** Orders refuse malformed ids with InvalidArgument ("not a valid vega id", unmapped: vega code 10000). */
function malformedIds(request: GatewayRequest): object | undefined {
  const markets = listParam(request, 'marketIds') ?? [];
  const parties = listParam(request, 'partyIds') ?? [];
  return markets.some((id) => !isVegaId(id)) || parties.some((id) => !isPartyId(id)) ? unmappedErrorFrame(GRPC.InvalidArgument, 'not a valid vega id') : undefined;
}

/** `includeDerivedParties` without a party id: InvalidArgument "missing party id". */
function derivedWithoutParty(request: GatewayRequest): object | undefined {
  return request['includeDerivedParties'] === true && textParam(request, 'partyId') === undefined
    ? streamErrorFrame(GRPC.InvalidArgument, { message: 'missing party id', vegaCode: 10014 })
    : undefined;
}

function orderFilter(request: GatewayRequest, exclude = request['excludeLiquidity'] === true): (order: Order) => boolean {
  const marketIds = listParam(request, 'marketIds');
  const partyIds = listParam(request, 'partyIds');
  return (order) => inList(marketIds, order.marketId) && inList(partyIds, order.partyId) && (!exclude || order.liquidityProvisionId === '');
}

/** `/api/v2/stream/orders`: a paged snapshot of live orders, then the changed orders of each block. */
export function ordersStream(ctx: RouteContext): ServedStream {
  return snapshotRoute<Order, ObserveOrdersResponse>(
    {
      path: ordersRoute.path,
      params: ordersRoute.params,
      codec: ObserveOrdersResponseCodec,
      field: 'orders',
      refuse: malformedIds,
      snapshot: (request) => ctx.node.liveOrders().filter(orderFilter(request)),
      // With filterBugs, v0.79's inverted excludeLiquidity on updates.
      updates: (request, block) =>
        block.orders.filter(orderFilter(request, ctx.filterBugs ? request['excludeLiquidity'] !== true : undefined)),
    },
    ctx,
  );
}

/**
 * `/api/v2/stream/positions`: a paged snapshot of positions, then the changed positions of each
 * block. As on the real node, a request for one party's position in one market that does not
 * exist gets no snapshot at all (PROTOCOL.md section 1), not an empty page.
 */
export function positionsStream(ctx: RouteContext): ServedStream {
  const filter = (request: GatewayRequest) => {
    const partyId = textParam(request, 'partyId');
    const marketId = textParam(request, 'marketId');
    // Optional filters: `key=` (empty) matches nothing, as on the real node.
    return (p: Position) => matches(partyId, p.partyId) && matches(marketId, p.marketId);
  };
  return snapshotRoute<Position, ObservePositionsResponse>(
    {
      path: positionsRoute.path,
      params: positionsRoute.params,
      codec: ObservePositionsResponseCodec,
      field: 'positions',
      refuse: derivedWithoutParty,
      snapshot: (request) => ctx.node.positions().filter(filter(request)),
      noEmptySnapshot: (request) => textParam(request, 'partyId') !== undefined && textParam(request, 'marketId') !== undefined,
      updates: (request, block) => block.positions.filter(filter(request)),
    },
    ctx,
  );
}

/**
 * `/api/v2/stream/accounts`: a paged snapshot of balances, then the changed balances of each
 * block; as on the real node, updates only come when `partyId` is set.
 */
export function accountsStream(ctx: RouteContext): ServedStream {
  const filter = (request: GatewayRequest) => {
    const partyId = textParam(request, 'partyId');
    const marketId = textParam(request, 'marketId');
    const asset = textParam(request, 'asset');
    const type = (request['type'] as AccountType | undefined) ?? AccountType.ACCOUNT_TYPE_UNSPECIFIED;
    return (a: AccountBalance) =>
      matches(partyId || undefined, a.owner) &&
      matches(marketId || undefined, a.marketId) &&
      matches(asset || undefined, a.asset) &&
      (type === AccountType.ACCOUNT_TYPE_UNSPECIFIED || a.type === type);
  };
  return snapshotRoute<AccountBalance, ObserveAccountsResponse>(
    {
      path: accountsRoute.path,
      params: accountsRoute.params,
      codec: ObserveAccountsResponseCodec,
      field: 'accounts',
      refuse: derivedWithoutParty,
      snapshot: (request) => ctx.node.accountBalances().filter(filter(request)),
      updates: (request, block) => (textParam(request, 'partyId') ? block.accounts.filter(filter(request)) : []),
    },
    ctx,
  );
}

