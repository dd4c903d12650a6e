import * as t from 'io-ts';
import { firstValueFrom, fromEvent, map, NEVER, takeUntil } from 'rxjs';
import { decodeOrThrow, MarketCodec, MarketState, type Market } from '../../lib/codecs/index.js';
import { httpGet, nodeBaseUrl, restResult, restUrl } from '../../lib/endpoints/index.js';

/** The REST path of the node's market list. */
export const MARKETS_PATH = '/api/v2/markets';

/** The states of a market that can still have a book and trades. */
const LIVE_STATES: ReadonlySet<MarketState> = new Set([
  MarketState.STATE_PENDING,
  MarketState.STATE_ACTIVE,
  MarketState.STATE_SUSPENDED,
  MarketState.STATE_SUSPENDED_VIA_GOVERNANCE,
]);

/** `ListMarketsResponse` in REST encoding: `{ markets: { edges: [{ node: Market }] } }` (first page only). */
const MarketsPageCodec = t.type({
  markets: t.type({ edges: t.array(t.type({ node: MarketCodec })) }),
});

/**
 * The markets a node lists (`GET <https base>/api/v2/markets`), decoded with MarketCodec: the
 * live ones (pending, active, suspended), trying each node in turn. Throws the last node's error
 * when none answers. Aborting `signal` cancels the request in flight (its socket is closed) and
 * throws the signal's reason.
 */
export async function discoverMarkets(nodes: readonly string[], signal?: AbortSignal): Promise<readonly Market[]> {
  let lastError: unknown = new Error('no node to ask');
  const aborted = signal ? fromEvent(signal, 'abort') : NEVER;
  for (const node of nodes) {
    signal?.throwIfAborted();
    const url = restUrl(nodeBaseUrl(node), MARKETS_PATH);
    try {
      const page = await firstValueFrom(
        httpGet(url).pipe(
          map((response) => decodeOrThrow(MarketsPageCodec, restResult(response, url), MARKETS_PATH, '$')),
          takeUntil(aborted),
        ),
      );
      return page.markets.edges.map((edge) => edge.node).filter((market) => LIVE_STATES.has(market.state));
    } catch (error) {
      signal?.throwIfAborted(); // aborted: takeUntil completed the request without a value
      lastError = error;
    }
  }
  throw lastError;
}
