/**
 * The main job (`npm start`): the order books of several markets kept in sync, their trades, and
 * per-block figures (best bid/ask, spread, mid, last trade, volume) merged into one live view,
 * with the connection status of every stream.
 *
 *   npm start                                      run the embedded simulated data node and stream from it
 *   npm start -- --node wss://HOST                 stream every live market of a real data node (repeat --node for failover)
 *   npm start -- --node wss://HOST --market ID     only these markets (repeat --market)
 *   npm start -- --seconds 30                      stop after 30 s (default: run until Ctrl-C)
 *
 * On a terminal the view is a table redrawn in place; otherwise one NDJSON line per block per
 * market. Ctrl-C (or SIGTERM, or --seconds) closes every socket and exits 0.
 */
import { merge, ReplaySubject, takeUntil, timer, type Observable } from 'rxjs';
import { createClient, type VegaClient } from '../lib/index.js';
import { Simulator } from '../lib/simulator/index.js';
import { parseMainArgs, UsageError, type MainArgs } from './main/args.js';
import type { MarketInfo } from './main/market-row.js';
import { marketInfo, resolveMarkets } from './main/markets.js';
import { ndjsonOutput, terminalOutput } from './main/output.js';
import { marketRows } from './main/pipeline.js';
import { StatusBoard } from './main/status.js';

const args = parseOrExit(process.argv.slice(2));
const client = clientOrExit(args.nodes);
const simulator = args.nodes.length ? undefined : await Simulator.start({ blockMs: 500 });
const vega = client ?? createClient({ nodes: [simulator!.url] });

// Replays a stop that comes before the view subscribes (e.g. Ctrl-C while markets are listed).
const stop$ = new ReplaySubject<void>(1);
process.once('SIGINT', () => stop$.next());
process.once('SIGTERM', () => stop$.next());
process.stdout.on('error', () => stop$.next()); // e.g. the reader of a pipe went away

// A stop while the markets are listed abandons the listing: its request is cancelled.
const listing = new AbortController();
const stopListing = stop$.subscribe(() => listing.abort());
let markets: readonly MarketInfo[] | undefined;
try {
  markets = simulator ? simulator.markets.map(marketInfo) : await resolveMarkets(args.nodes, args.markets, listing.signal);
} catch (error) {
  if (!listing.signal.aborted) {
    console.error(`could not list the markets of ${args.nodes.join(', ')}: ${message(error)}; give them with --market`);
    process.exit(1);
  }
} finally {
  stopListing.unsubscribe();
}
if (markets === undefined) await finish(0); // stopped while listing: nothing else was opened
else await follow(markets);

/** Stream `markets` to stdout until a stop (or the end of a stream), then {@link finish}. */
async function follow(markets: readonly MarketInfo[]): Promise<void> {
  if (simulator && args.markets.length) markets = markets.filter((market) => args.markets.includes(market.id));
  if (markets.length === 0) {
    console.error('no market to follow');
    await simulator?.stop();
    process.exit(1);
  }

  const board = new StatusBoard();
  const rows = marketRows(vega, markets, board);
  const title = `${markets.length} market(s) from ${vega.currentNode()}${simulator ? ' (embedded simulated data node)' : ''}`;
  const output: Observable<string> = process.stdout.isTTY ? terminalOutput(title, rows, board) : ndjsonOutput(rows);
  const stops = args.seconds === undefined ? stop$ : merge(stop$, timer(args.seconds * 1000));

  output.pipe(takeUntil(stops)).subscribe({
    next: (text) => process.stdout.write(text),
    error: (error: unknown) => {
      console.error(`stream failed: ${message(error)}`);
      void finish(1);
    },
    complete: () => void finish(0),
  });
}

/** Everything is unsubscribed: stop the simulator and leave with `code`. */
async function finish(code: number): Promise<void> {
  await simulator?.stop();
  if (process.stdout.isTTY) process.stdout.write('stopped: every socket closed\n');
  process.exitCode = code;
  // Every socket is closed, so the process ends by itself; this only guards against a stray handle.
  setTimeout(() => process.exit(code), 2_000).unref();
}

function parseOrExit(argv: readonly string[]): MainArgs {
  try {
    return parseMainArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/** A client for the given nodes (undefined for none: the simulator's comes later); a bad address exits 2. */
function clientOrExit(nodes: readonly string[]): VegaClient | undefined {
  if (nodes.length === 0) return undefined;
  try {
    return createClient({ nodes });
  } catch (error) {
    console.error(`--node: ${message(error)}`);
    process.exit(2);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
