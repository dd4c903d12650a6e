import type { Market } from '../../lib/codecs/index.js';
import { marketDecimals } from '../../lib/decimals/index.js';
import type { MarketInfo } from './market-row.js';
import { discoverMarkets } from './discover.js';

/** A market as the job shows it: named by its instrument code (or name), scaled by its decimal places. */
export function marketInfo(market: Market): MarketInfo {
  const instrument = market.tradableInstrument?.instrument;
  const name = instrument?.code || instrument?.name || market.id.slice(0, 8);
  let decimals: MarketInfo['decimals'];
  try {
    decimals = marketDecimals(market);
  } catch {
    decimals = undefined; // decimal places out of range: show raw values
  }
  return { id: market.id, name, decimals };
}

/** A market known by id only: raw values, named by its short id. */
export function unknownMarket(id: string): MarketInfo {
  return { id, name: id.slice(0, 8), decimals: undefined };
}

/**
 * The markets to follow on real nodes: the `wanted` ids (with their names and decimals when the
 * node lists them), or every live market the node lists when none is wanted. Discovery failing
 * is an error only when no id was given. Aborting `signal` abandons the discovery and throws the
 * signal's reason.
 */
export async function resolveMarkets(nodes: readonly string[], wanted: readonly string[], signal?: AbortSignal): Promise<readonly MarketInfo[]> {
  let listed: readonly Market[];
  try {
    listed = await discoverMarkets(nodes, signal);
  } catch (error) {
    if (wanted.length === 0 || signal?.aborted) throw error;
    return wanted.map(unknownMarket);
  }
  if (wanted.length === 0) return listed.map(marketInfo);
  return wanted.map((id) => {
    const market = listed.find((m) => m.id === id);
    return market ? marketInfo(market) : unknownMarket(id);
  });
}
