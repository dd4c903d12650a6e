/**
 * Deterministic ids and block times for test frames: 64-hex ids that look like the node's, and
 * times in nanoseconds as the node writes them (decimal strings).
 */

/**
 * A 64-lowercase-hex id derived from a label: the same label always gives the same id, and
 * different labels give different ids (a hash, not a counter, so tests do not depend on order).
 *
 * @example vegaId('market:BTC/USDT') // '6c1f…' (64 hex characters)
 */
export function vegaId(label: string): string {
  let id = '';
  for (let round = 0; round < 8; round++) {
    // FNV-1a over "<round>:<label>", one 32-bit word per round.
    let hash = 0x811c9dc5;
    const text = `${round}:${label}`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    id += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return id;
}

/** The market every builder uses unless told otherwise. */
export const DEFAULT_MARKET_ID = vegaId('market:BTC/USDT');
/** A second market, for tests that watch two. */
export const SECOND_MARKET_ID = vegaId('market:ETH/USDT');
/** The party every builder uses unless told otherwise (buyer of default trades, owner of orders). */
export const DEFAULT_PARTY_ID = vegaId('party:alice');
/** The other side of default trades. */
export const COUNTERPARTY_ID = vegaId('party:bob');
/** The settlement asset of default accounts. */
export const DEFAULT_ASSET_ID = vegaId('asset:USDT');

/** The block time of default frames: 2023-11-14T22:13:20Z, in nanoseconds. */
export const BASE_TIME_NS = '1700000000000000000';

/**
 * A block time `ms` milliseconds after {@link BASE_TIME_NS}, in nanoseconds as a decimal
 * string (pass the marble frame to line frame times up with virtual time).
 */
export function timeNs(ms = 0): string {
  return String(BigInt(BASE_TIME_NS) + BigInt(Math.round(ms)) * 1_000_000n);
}
