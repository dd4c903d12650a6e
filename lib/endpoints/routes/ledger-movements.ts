import { ObserveLedgerMovementsResponseCodec, type ObserveLedgerMovementsResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** The ledger-movements stream takes no filters. */
export type LedgerMovementsFilters = Record<string, never>;

/** `/api/v2/stream/ledger/movements`: every ledger movement, one a frame. */
export const ledgerMovementsRoute: RouteDefinition<LedgerMovementsFilters, ObserveLedgerMovementsResponse> = {
  name: 'ledgerMovements',
  path: '/api/v2/stream/ledger/movements',
  params: [],
  codec: ObserveLedgerMovementsResponseCodec,
};
