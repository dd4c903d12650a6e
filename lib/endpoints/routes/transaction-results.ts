import { ObserveTransactionResultsResponseCodec, type ObserveTransactionResultsResponse } from '../../codecs/index.js';
import type { RouteDefinition } from '../route-definition.js';

/** Filters of the transaction-results stream. */
export interface TransactionResultsFilters {
  /** Only transactions sent by these parties. */
  readonly partyIds?: readonly string[];
  /** Only these transactions (64-hex hashes, either case). */
  readonly hashes?: readonly string[];
  /** Only successful (true) or only failed (false) transactions. */
  readonly status?: boolean;
}

/** `/api/v2/stream/transaction-results`: results as transactions are processed. */
export const transactionResultsRoute: RouteDefinition<TransactionResultsFilters, ObserveTransactionResultsResponse> = {
  name: 'transactionResults',
  path: '/api/v2/stream/transaction-results',
  params: [
    { name: 'partyIds', kind: 'partyId', repeated: true },
    { name: 'hashes', kind: 'hash', repeated: true },
    { name: 'status', kind: 'bool' },
  ],
  codec: ObserveTransactionResultsResponseCodec,
};
