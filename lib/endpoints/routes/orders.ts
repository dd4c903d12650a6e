import { ObserveOrdersResponseCodec, type ObserveOrdersResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the orders stream. */
export interface OrdersFilters {
  /** Only orders on these markets. */
  readonly marketIds?: readonly string[];
  /** Only orders of these parties. */
  readonly partyIds?: readonly string[];
  /** Leave out liquidity-provision orders (the real node applies this inverted to updates: filter again client-side). */
  readonly excludeLiquidity?: boolean;
}

/** `/api/v2/stream/orders`: a paged snapshot of live orders (`snapshot`, last page has `lastPage`), then `updates` per block. */
export const ordersRoute: RouteDefinition<OrdersFilters, ObserveOrdersResponse> = {
  name: 'orders',
  path: '/api/v2/stream/orders',
  params: [
    { name: 'marketIds', kind: 'id', repeated: true },
    { name: 'partyIds', kind: 'partyId', repeated: true },
    { name: 'excludeLiquidity', kind: 'bool' },
  ],
  codec: ObserveOrdersResponseCodec,
};
