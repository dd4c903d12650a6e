/**
 * The main job (`npm start`): live trades, books and market data of several markets through one
 * merged pipeline, printed one line per frame.
 *
 *   npm start                                   run the embedded simulated data node and stream from it
 *   npm start -- --node wss://HOST --market ID  stream from a real data node (repeat --market)
 *   npm start -- --seconds 30                   stop after 30 s (default 5 s)
 *
 * Ctrl-C closes every socket and exits 0.
 */
import { parseArgs } from 'node:util';
import { map, merge, takeUntil, timer, Subject } from 'rxjs';
import { createClient, isVegaId, Side } from '../lib/index.js';
import { Simulator } from '../lib/simulator/index.js';

const { values } = parseArgs({
  options: {
    node: { type: 'string', multiple: true },
    market: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '5' },
  },
});

const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) fail(`--seconds must be a positive number, got ${values.seconds}`);
for (const market of values.market ?? []) if (!isVegaId(market)) fail(`--market ${market} is not a market id (64 lowercase hex characters)`);
if (values.node && !values.market) fail('--node needs at least one --market id');

const simulator = values.node ? undefined : await Simulator.start({ blockMs: 500 });
const markets = values.market ?? simulator!.markets.map((m) => m.id);
const vega = createClient({ nodes: values.node ?? [simulator!.url] });
console.log(`streaming ${markets.length} market(s) from ${vega.currentNode()}${simulator ? ' (embedded simulated data node)' : ''} for ${seconds} s`);

const stop$ = new Subject<void>();
process.once('SIGINT', () => stop$.next());
process.once('SIGTERM', () => stop$.next());

const short = (id: string): string => id.slice(0, 8);
const lines$ = merge(
  vega.trades({ marketIds: markets }).pipe(
    map(({ trades }) => trades.map((t) => `trade  ${short(t.marketId)} ${t.size} @ ${t.price} (${Side[t.aggressor] ?? t.aggressor})`).join('\n')),
  ),
  vega.marketsDepthUpdates({ marketIds: markets }).pipe(
    map(({ update }) => update.map((u) => `book   ${short(u.marketId)} seq ${u.sequenceNumber} (prev ${u.previousSequenceNumber}): ${u.buy.length} bid / ${u.sell.length} ask levels changed`).join('\n')),
  ),
  vega.marketsData({ marketIds: markets }).pipe(
    map(({ marketData }) => marketData.map((d) => `data   ${short(d.market)} bid ${d.bestBidPrice} ask ${d.bestOfferPrice} mark ${d.markPrice}`).join('\n')),
  ),
);

lines$.pipe(takeUntil(merge(stop$, timer(seconds * 1000)))).subscribe({
  next: (line) => line && console.log(line),
  error: async (error: unknown) => {
    console.error(`stream failed: ${(error as Error).message}`);
    await simulator?.stop();
    process.exitCode = 1;
  },
  complete: async () => {
    await simulator?.stop();
    console.log('done: every socket closed');
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
