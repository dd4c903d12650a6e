/**
 * Recovery: time from a dropped connection to a resynced book, against the configured backoff.
 *
 *   npx tsx bench/recovery-time.ts [drops] [seed] [initialMs,…]      (defaults: 20, 1, 0,100,250,1000)
 *
 * A simulator runs in its own process on 127.0.0.1 (blocks every 50 ms, 2 markets); the fault
 * proxy of the fault specs (spec/faults/support/fault-proxy.ts) sits between it and the client,
 * in this process, and forwards the websockets and the REST full-book requests. The client is
 * the library's `marketBook` on one market, with its defaults (full book from REST, `retryBackoff`
 * on every source, full jitter) and one configured backoff (`retry.initialMs`) per row; its
 * `random` is seeded, so the waits it chooses repeat from run to run.
 *
 * For each configured backoff, the proxy drops the depth-updates socket `drops` times (FIN on
 * both sides, as a node that goes away), a seeded 250–400 ms after the recovered book was checked
 * against the node's. Each
 * drop is timed from the proxy's drop to the first book the pipeline emits from the new
 * connection (a book is never emitted before it is consistent: on a sequence gap `orderBook`
 * reloads the full book first), and split with the retry `status` reports and the proxy's
 * connection records into: noticing the drop (`retrying`), the wait retryBackoff chose
 * (`retrying.delayMs`), reconnecting, the first frame on the new socket (`recovered`) and the
 * resync. After each recovery the library's book is compared with the simulator's authoritative
 * book at the same sequence number.
 *
 * The baseline is the configured backoff and the wait actually chosen: the overhead is what a
 * recovery costs beyond that wait.
 */
import { FaultProxy } from '../spec/faults/support/fault-proxy.js';
import { seededRandom } from '../lib/testing/index.js';
import { startBookSimulator, type BookSimulator } from './support/book-simulator-handle.js';
import { report, type Row } from './support/report.js';
import { runRecoveryTrial, type RecoverySample, type RecoveryTrialResult } from './support/recovery-trial.js';
import { median, quantile, round } from './support/stats.js';

const DROPS = Number(process.argv[2] ?? 20);
const SEED = Number(process.argv[3] ?? 1);
const BACKOFFS: readonly number[] = (process.argv[4] ?? '0,100,250,1000').split(',').map(Number);
const BLOCK_MS = 50;
const MARKETS = 2;
/** Every drop must be a first attempt again: the pause before the next drop is longer than this. */
const RESET_AFTER_MS = 200;
const PAUSE_MS = [250, 400] as const;
const SIMULATOR_SEED = 7;

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
if (!(Number.isInteger(DROPS) && DROPS > 0) || !Number.isFinite(SEED) || BACKOFFS.some((b) => !(Number.isFinite(b) && b >= 0))) {
  console.error('usage: npx tsx bench/recovery-time.ts [drops > 0] [seed] [initialMs,… each >= 0]');
  process.exit(2);
}

const runStart = performance.now();
let simulator: BookSimulator | undefined;
let proxy: FaultProxy | undefined;
const results = new Map<number, RecoveryTrialResult>();
try {
  simulator = await startBookSimulator({ seed: SIMULATOR_SEED, blockMs: BLOCK_MS, markets: MARKETS });
  proxy = await FaultProxy.start(simulator.url, { seed: SEED });
  const marketId = simulator.markets[0] as string;
  for (const [index, initialMs] of BACKOFFS.entries()) {
    const result = await runRecoveryTrial({
      proxy,
      simulator,
      marketId,
      initialMs,
      resetAfterMs: RESET_AFTER_MS,
      drops: DROPS,
      jitter: seededRandom(SEED * 1_000 + index),
      random: seededRandom(SEED * 1_000 + 500 + index),
      pauseMs: PAUSE_MS,
    });
    // The subscription is closed: every socket through the proxy must close too.
    const leftOpen = await openAfter(proxy, 2_000);
    results.set(initialMs, leftOpen === 0 ? result : { ...result, problems: [...result.problems, `initialMs ${initialMs}: ${leftOpen} connections still open 2 s after unsubscribing`] });
    const recovery = result.samples.map((s) => s.recoveryMs);
    console.log(
      `initialMs ${String(initialMs).padStart(5)}: ${result.samples.length} drops, wait p50 ${median(result.samples.map((s) => s.waitMs))} ms, recovery p50 ${median(recovery).toFixed(1)} ms, p95 ${quantile(recovery, 0.95).toFixed(1)} ms`,
    );
  }
} finally {
  await proxy?.stop();
  await simulator?.stop();
}
const seconds = (performance.now() - runStart) / 1000;

/** The proxy's open connections once none are left, or after `timeoutMs`. */
async function openAfter(fault: FaultProxy, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (fault.openConnections > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return fault.openConnections;
}

/** A median or p95 of one field of the samples, in ms with one decimal. */
const ms = (samples: readonly RecoverySample[], field: (s: RecoverySample) => number, q = 0.5): number => round(quantile(samples.map(field), q), 1);

const rows: Row[] = [];
const problems: string[] = [];
let checked = 0;
let matched = 0;
for (const [initialMs, result] of results) {
  const { samples, checks } = result;
  problems.push(...result.problems);
  checked += checks.length;
  const matches = checks.filter((c) => c.outcome === 'match').length;
  matched += matches;
  const wait = median(samples.map((s) => s.waitMs));
  const recovery = median(samples.map((s) => s.recoveryMs));
  rows.push({
    'configured backoff (initialMs)': initialMs,
    drops: samples.length,
    'wait chosen p50 ms': wait,
    'recovery p50 ms': round(recovery, 1),
    'recovery p95 ms': ms(samples, (s) => s.recoveryMs, 0.95),
    'overhead p50 ms': ms(samples, (s) => s.recoveryMs - s.waitMs),
    'overhead p95 ms': ms(samples, (s) => s.recoveryMs - s.waitMs, 0.95),
    'recovery / wait': wait > 0 ? round(recovery / wait, 2) : '—',
    'detect p50': ms(samples, (s) => s.detectMs),
    'reconnect p50': ms(samples, (s) => s.reconnectMs),
    'first frame p50': ms(samples, (s) => s.firstUpdateMs),
    'resync p50': ms(samples, (s) => s.bookMs),
    'overhead excl. first frame p50': ms(samples, (s) => s.recoveryMs - s.waitMs - s.firstUpdateMs),
    'REST resyncs': `${samples.filter((s) => s.resynced).length}/${samples.length}`,
    'book = node': `${matches}/${checks.length}`,
  });
}
const booksPerSecond = median([...results.values()].map((r) => r.booksPerSecond));
if (problems.length > 0 || matched !== checked) process.exitCode = 1;

report('recovery-time', `Recovery: time from a dropped connection to a resynced book, against the configured backoff (${DROPS} drops per backoff)`, rows, [
  `setup: simulator process (seed ${SIMULATOR_SEED}, ${MARKETS} markets, a block every ${BLOCK_MS} ms; the followed market's book changed ${booksPerSecond.toFixed(1)} times/s) ← fault proxy (FIN on the depth-updates socket) ← marketBook(client, market, { retry: { initialMs, resetAfterMs: ${RESET_AFTER_MS}, random: seeded } }) (REST resync, full jitter, maxMs and multiplier at their defaults), all on 127.0.0.1; ${seconds.toFixed(0)} s in all.`,
  `each drop: ${PAUSE_MS[0]}–${PAUSE_MS[1]} ms (seeded ${SEED}) after the last recovery was checked, so the retry counter is back at attempt 1 (resetAfterMs ${RESET_AFTER_MS}); full jitter makes the wait uniform in [0, initialMs), so its median is about initialMs / 2.`,
  `recovery = the proxy drops the socket → the first book emitted from the new connection (consistent by construction: a gap is reloaded before anything is emitted). wait = retrying.delayMs, the delay retryBackoff chose. overhead = recovery - wait per drop; recovery / wait = ratio of the medians; p95 by nearest rank (of ${DROPS} drops: the ${Math.ceil(0.95 * DROPS)}th).`,
  `steps (medians, ms): detect = drop → retrying report; reconnect = end of the wait → the new socket's request at the proxy; first frame = → the first frame on it (recovered): the handshake, then mostly the wait for the next block that changes the market (blocks every ${BLOCK_MS} ms); resync = → the first book (REST full book after a gap; 0 when the first update chained onto the kept book); overhead excl. first frame = recovery - wait - first frame, per drop: what the client itself adds.`,
  `book = node: after each recovery, the library's book equals the simulator's (every level, price:volume:orders) at the same sequence number: ${matched}/${checked}.`,
  problems.length === 0 ? 'checks: every drop hit one socket, was retried once as attempt 1 after a ConnectionError, and recovered; REST fetches agree with resynced; every socket closed after each unsubscribe; no errors.' : `PROBLEMS:\n  ${problems.join('\n  ')}`,
]);
