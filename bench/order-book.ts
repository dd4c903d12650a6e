/**
 * Order-book maintenance speed: vega-streams' OrderBook against ccxt's CountedOrderBook (the same
 * semantics: absolute volumes with order counts, a zero removes the level) on one seeded,
 * realistic sequence of depth updates for a 500-level book (issue target: ours >= 1,000,000
 * level updates/s and faster than ccxt with its parse).
 *
 *   npx tsx bench/order-book.ts [rounds]
 *
 * Rows are measured in the same process, interleaved: after a warm-up, each round runs every
 * row once for throughput (one timer around the whole sequence), then once more with hrtime
 * around each update for the per-update latency; the order of the rows alternates between
 * rounds. Run it with --expose-gc (bench/run-all.ts does) to collect garbage between runs.
 */
import { loadCcxtOrderBook } from './support/ccxt-order-book.js';
import { depthSequence } from './support/depth-sequence.js';
import { bookDifference, ccxtRunner, operatorRunner, oursRunner, type BookRunner } from './support/book-runners.js';
import { collectGarbage, median, quantile, round } from './support/stats.js';
import { report, type Row } from './support/report.js';

const ROUNDS = Number(process.argv[2] ?? 7);
const WARMUP_ROUNDS = 2;
const TARGET = 1_000_000;

const sequence = depthSequence({ seed: 42, levelsPerSide: 250, minLevelUpdates: 250_000 });
const { version, CountedOrderBook } = await loadCcxtOrderBook();
const CCXT = `ccxt ${version} CountedOrderBook, parse strings`;
const CCXT_NUMBERS = `ccxt ${version} CountedOrderBook, pre-parsed numbers`;
const runners: BookRunner[] = [
  oursRunner(sequence, 'vega-streams OrderBook.applyUpdate'),
  oursRunner(sequence, 'vega-streams applyUpdate + view(20) per update', 20),
  oursRunner(sequence, 'vega-streams applyUpdate + view() per update (all levels)', Infinity),
  operatorRunner(sequence, 'vega-streams orderBook operator, depth 20 (Subject → state)', 20),
  ccxtRunner(sequence, CountedOrderBook, CCXT, true),
  ccxtRunner(sequence, CountedOrderBook, CCXT_NUMBERS, false),
];

const throughput = new Map<string, number[]>(runners.map((r) => [r.name, []]));
const latency = new Map<string, Float64Array[]>(runners.map((r) => [r.name, []]));
const problems: string[] = [];
let sink = 0;
const started = performance.now();
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  const measured = round >= WARMUP_ROUNDS;
  const order = round % 2 === 0 ? runners : [...runners].reverse();
  for (const runner of order) {
    collectGarbage();
    const start = performance.now();
    const result = runner.run();
    const seconds = (performance.now() - start) / 1000;
    sink += result.sink;
    if (measured) throughput.get(runner.name)?.push(sequence.levelUpdates / seconds);
    const difference = bookDifference(result.book, sequence.final, runner.depth);
    if (difference !== undefined) problems.push(`${runner.name}: ${difference}`);
  }
  for (const runner of order) {
    collectGarbage();
    const times = new Float64Array(sequence.updates.length);
    sink += runner.run(times).sink;
    if (measured) latency.get(runner.name)?.push(times);
  }
}
const elapsed = (performance.now() - started) / 1000;

const rate = (name: string): number => median(throughput.get(name) ?? []);
const ccxtRate = rate(CCXT);
const ccxtNumbersRate = rate(CCXT_NUMBERS);
const rows: Row[] = runners.map((runner) => {
  const rates = throughput.get(runner.name) ?? [];
  const times = concat(latency.get(runner.name) ?? []);
  const ours = runner.name.startsWith('vega-streams');
  return {
    implementation: runner.name,
    'level updates/s (median)': Math.round(median(rates)),
    'min..max': `${Math.round(Math.min(...rates) / 1000)}k..${Math.round(Math.max(...rates) / 1000)}k`,
    'vs ccxt+parse': round(median(rates) / ccxtRate, 2),
    'vs ccxt numbers': round(median(rates) / ccxtNumbersRate, 2),
    'per update p50 µs': round(quantile(times, 0.5) / 1000, 2),
    'p99 µs': round(quantile(times, 0.99) / 1000, 2),
    'p99.9 µs': round(quantile(times, 0.999) / 1000, 2),
    target: ours ? (median(rates) >= TARGET && median(rates) > ccxtRate ? 'met' : 'NO') : '',
  };
});
if (problems.length > 0) {
  console.error(`CORRECTNESS: the books differ from the expected levels:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}
const levelsPerUpdate = sequence.levelUpdates / sequence.updates.length;
report('order-book', `Order-book maintenance: ${sequence.updates.length} depth updates (${sequence.levelUpdates} level updates, ${levelsPerUpdate.toFixed(1)} per update) on a 250+250-level book`, rows, [
  `${ROUNDS} measured rounds after ${WARMUP_ROUNDS} warm-up rounds, rows interleaved; throughput is the median round (one timer per pass, no per-update timing); latency = hrtime around each update (one block), over every measured round.`,
  `target (ours): ≥ ${TARGET.toLocaleString('en')} level updates/s and faster than ccxt with parse; vs = ratio of medians.`,
  `correctness: every book equals the generator's final book after each pass (${problems.length === 0 ? 'ok' : `${problems.length} FAILED`}); ${elapsed.toFixed(1)} s; gc between passes: ${collectGarbage() ? 'yes' : 'no (run with --expose-gc)'}; checksum ${sink % 1000}.`,
]);

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
