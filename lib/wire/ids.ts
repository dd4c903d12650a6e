/** A Vega id: 64 lowercase hex characters (a market, party, order, asset or proposal id). */
const VEGA_ID = /^[0-9a-f]{64}$/;
/** A transaction hash: 64 hex characters, either case (the node uses both). */
const TX_HASH = /^[0-9a-fA-F]{64}$/;

/** The party id of the network itself, accepted wherever a party id is. */
export const NETWORK_PARTY = 'network';

/** True for a well-formed Vega id: 64 lowercase hex characters (a market, order, asset… id). */
export function isVegaId(value: string): boolean {
  return VEGA_ID.test(value);
}

/** True for a well-formed party id: a Vega id, or `network`. */
export function isPartyId(value: string): boolean {
  return VEGA_ID.test(value) || value === NETWORK_PARTY;
}

/** True for a well-formed transaction hash (64 hex characters). */
export function isTxHash(value: string): boolean {
  return TX_HASH.test(value);
}
