import { AccountType, ObserveAccountsResponseCodec, type ObserveAccountsResponse } from '../../codecs/index.js';
import { derivedPartiesNeedParty, type RouteDefinition } from '../route-definition.js';

/** Filters of the accounts stream. */
export interface AccountsFilters {
  /** Only accounts of this market. */
  readonly marketId?: string;
  /** Only this party's accounts (after the snapshot, updates only arrive when this is set). */
  readonly partyId?: string;
  /** Only accounts in this asset (asset id). */
  readonly asset?: string;
  /** Only accounts of this type, by enum number or name (`ACCOUNT_TYPE_GENERAL`). */
  readonly type?: AccountType | keyof typeof AccountType;
  /** Include the AMM parties derived from `partyId` (needs `partyId`). */
  readonly includeDerivedParties?: boolean;
}

/** `/api/v2/stream/accounts`: a paged snapshot of balances, then `updates` per block. */
export const accountsRoute: RouteDefinition<AccountsFilters, ObserveAccountsResponse> = {
  name: 'accounts',
  path: '/api/v2/stream/accounts',
  params: [
    { name: 'marketId', kind: 'id' },
    { name: 'partyId', kind: 'partyId' },
    { name: 'asset', kind: 'id' },
    { name: 'type', kind: 'enum', enumType: { values: AccountType, name: 'vega.AccountType' } },
    { name: 'includeDerivedParties', kind: 'bool' },
  ],
  check: derivedPartiesNeedParty,
  codec: ObserveAccountsResponseCodec,
};
