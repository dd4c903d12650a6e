/**
 * The example page's script: one market's order book and trades, live from a data node over the
 * browser's native WebSocket. serve.ts bundles it for the browser with esbuild and the package's
 * own `ws` swap (esbuild.mjs), as an application's bundler does with the `browser` export
 * condition; an application imports from 'vega-streams' and 'vega-streams/operators' instead of
 * ../../lib.
 */
import { Subscription, tap } from 'rxjs';
import { createClient } from '../../lib/index.js';
import { marketBook, marketDecimals, retryBackoff, type RetryStatus } from '../../lib/operators/index.js';
import { retryStatusText } from '../main/status.js';
import { CONFIG_PATH, type ExampleConfig, type ExampleMarket } from './config.js';
import { ExampleView, type StreamName } from './view.js';

/** Book levels shown a side. */
const LEVELS = 10;

/**
 * Browsers cannot send ping frames, so a dead path only shows as silence: a socket without a
 * frame for this long fails with a (retryable) StaleStreamError and reconnects. Depth comes
 * every block the book changes, trades only when there are some: keep it well above the
 * block time, or quiet streams reconnect for nothing.
 */
const SILENCE_MS = 15_000;

start().catch((error: unknown) => {
  // No config or no market: say so where the market's name would be.
  const title = document.getElementById('market');
  if (title) title.textContent = failure(error);
});

/** Load the config, then stream the chosen market's book and trades until the page is left. */
async function start(): Promise<void> {
  const config = await loadConfig();
  const market = chooseMarket(config.markets, new URLSearchParams(location.search).get('market'));
  const view = new ExampleView(document, marketDecimals(market));
  view.showMarkets(market, config.markets);
  const report = (stream: StreamName) => (status: RetryStatus) => view.setStatus(stream, retryStatusText(status));

  const vega = createClient({ nodes: [config.node], silenceTimeoutMs: SILENCE_MS });
  const streams = new Subscription();

  // Full books come from the markets/depth websocket route, not from the REST latest-depth GET
  // (marketBook's default): the page is served from another origin than the data node, and a
  // cross-origin GET needs CORS headers that a node need not send. Websockets are not bound by CORS.
  streams.add(
    marketBook(vega, market.id, { depth: LEVELS, resyncFrom: 'depth', retry: { status: report('book') } }).subscribe({
      next: (book) => {
        view.showBook(book);
        view.setStatus('book', book.resynced ? 'resynced' : 'connected');
      },
      error: (error: unknown) => view.setStatus('book', failure(error)),
    }),
  );

  streams.add(
    vega
      .trades({ marketIds: [market.id] })
      .pipe(
        retryBackoff({ nodes: vega, status: report('trades') }),
        tap(() => view.setStatus('trades', 'connected')),
      )
      .subscribe({
        next: ({ trades }) => view.addTrades(trades),
        error: (error: unknown) => view.setStatus('trades', failure(error)),
      }),
  );

  // Leaving the page closes every socket with 1000; a page restored from the back-forward cache starts over.
  addEventListener('pagehide', () => streams.unsubscribe(), { once: true });
  addEventListener('pageshow', (event) => {
    if (event.persisted) location.reload();
  });
}

/** The server's config (same origin, so no CORS question). */
async function loadConfig(): Promise<ExampleConfig> {
  const response = await fetch(CONFIG_PATH);
  if (!response.ok) throw new Error(`GET ${CONFIG_PATH} answered ${response.status}: is the example's server (npm run example:browser) running?`);
  return (await response.json()) as ExampleConfig;
}

/** The market `?market=<id>` names, else the first; throws when there is none. */
function chooseMarket(markets: readonly ExampleMarket[], wanted: string | null): ExampleMarket {
  const market = wanted === null ? markets[0] : markets.find((m) => m.id === wanted);
  if (!market) throw new Error(wanted === null ? 'The data node lists no market.' : `No market ${wanted} on this node: leave out ?market= to see the first one.`);
  return market;
}

/** The status text of an error that ended a stream (not retryable, or retries exhausted) or the start. */
function failure(error: unknown): string {
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}
