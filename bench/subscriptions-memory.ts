/**
 * Scale: memory and event-loop delay with 1,000 concurrent subscriptions through the vega-streams
 * client (trades, depth updates and market data over the simulator's 3 markets), side by side with
 * the baseline: 1,000 bare `ws` sockets on the same URLs doing only JSON.parse. Then every
 * subscription is closed, and the server's subscription count must go back to 0.
 *
 *   npx tsx bench/subscriptions-memory.ts [subscriptions] [windowSeconds]
 *
 * Each phase gets a fresh simulator process (maxSubscriptions raised, a block every 200 ms) and
 * a fresh client process with --expose-gc (bench/support/subscription-phase.ts), so RSS one
 * phase released does not hide what the other takes. Memory is heap used and RSS after a forced
 * GC, before the first subscribe and once every subscription has received a frame. The
 * library is first built with esbuild.mjs into a temporary directory and loaded from there, so
 * the figures are those of the shipped ESM build.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask } from './support/ipc.js';
import { startSimulatorProcess, type SimulatorHandle } from './support/simulator-handle.js';
import type { PhaseClosed, PhaseLive, PhaseName, PhaseStart } from './support/subscription-phase.js';
import { plannedUrl, subscriptionPlan } from './support/subscription-plan.js';
import { round } from './support/stats.js';
import { report, type Row } from './support/report.js';

const COUNT = Number(process.argv[2] ?? 1_000);
const WINDOW_MS = Number(process.argv[3] ?? 5) * 1000;
const BLOCK_MS = 200;
/** The shipped ESM build, made fresh for this run. */
mkdirSync(fileURLToPath(new URL('../node_modules/.cache/', import.meta.url)), { recursive: true });
const BUILD = mkdtempSync(join(fileURLToPath(new URL('../node_modules/.cache/', import.meta.url)), 'vega-streams-bench-')); // inside the project, so its imports resolve
execFileSync(process.execPath, ['esbuild.mjs', '--outdir', BUILD, '--no-types'], { cwd: fileURLToPath(new URL('../', import.meta.url)), stdio: 'inherit' });
process.on('exit', () => rmSync(BUILD, { recursive: true, force: true }));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PHASE_ENTRY = fileURLToPath(new URL('./support/subscription-phase.ts', import.meta.url));
const LABEL: Record<PhaseName, string> = { bare: 'baseline: bare ws + JSON.parse', library: 'vega-streams client' };

/** What one phase measured. */
interface PhaseResult {
  readonly live: PhaseLive;
  readonly closed: PhaseClosed;
  /** Server subscriptions with everything live, and after closing. */
  readonly serverLive: number;
  readonly serverAfter: number;
  /** Simulator CPU from the first subscribe to the end of the window, % of one core. */
  readonly simulatorCpuPercent: number;
  /** True when the client process exited by itself after closing (nothing left holding it). */
  readonly exitedAlone: boolean;
}

async function runPhase(phase: PhaseName): Promise<PhaseResult> {
  const sim = await startSimulatorProcess({ seed: 42, blockMs: BLOCK_MS, maxSubscriptions: COUNT + 100 });
  const child = fork(PHASE_ENTRY, [], {
    cwd: ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, VEGA_STREAMS_BUILD: BUILD },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  try {
    const plan = subscriptionPlan(sim.markets, COUNT);
    const start: PhaseStart = { type: 'start', phase, node: sim.url, plan, urls: plan.map((p) => plannedUrl(sim.url, p)), windowMs: WINDOW_MS };
    const simStart = await sim.count();
    const startedAt = performance.now();
    const live = await ask<PhaseLive>(child, start, 'live', 120_000);
    const simLive = await sim.count();
    const simulatorCpuPercent = ((simLive.cpuMs - simStart.cpuMs) / (performance.now() - startedAt)) * 100;
    const closed = await ask<PhaseClosed>(child, { type: 'close' }, 'closed', 30_000);
    const serverAfter = await serverCountAfterClose(sim);
    const exitedAlone = await Promise.race([exited, sleep(5_000).then(() => false)]);
    return { live, closed, serverLive: simLive.subscriptions, serverAfter, simulatorCpuPercent, exitedAlone };
  } finally {
    if (child.exitCode === null) child.kill();
    await sim.stop();
  }
}

/** The server's subscription count once it reaches 0, or what it is after 5 s. */
async function serverCountAfterClose(sim: SimulatorHandle): Promise<number> {
  const deadline = performance.now() + 5_000;
  for (;;) {
    const { subscriptions } = await sim.count();
    if (subscriptions === 0 || performance.now() > deadline) return subscriptions;
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const MiB = 2 ** 20;
const results = new Map<PhaseName, PhaseResult>();
for (const phase of ['bare', 'library'] as const) results.set(phase, await runPhase(phase));

const perSubscription = (r: PhaseResult, key: 'heap' | 'rss'): number =>
  ((key === 'heap' ? r.live.heapAfter - r.live.heapBefore : r.live.rssAfter - r.live.rssBefore) / r.live.total) / 1024;
const bare = results.get('bare') as PhaseResult;
const rows: Row[] = [...results].map(([phase, r]) => ({
  client: LABEL[phase],
  'receiving/opened': `${r.live.receiving}/${r.live.total}`,
  'all receiving after s': round(r.live.receivingAfterMs / 1000, 1),
  'heap MiB before→after': `${round(r.live.heapBefore / MiB, 1)}→${round(r.live.heapAfter / MiB, 1)}`,
  'heap KiB/sub': round(perSubscription(r, 'heap'), 1),
  'heap ×bare': round(perSubscription(r, 'heap') / perSubscription(bare, 'heap'), 2),
  'RSS MiB before→after': `${round(r.live.rssBefore / MiB)}→${round(r.live.rssAfter / MiB)}`,
  'RSS KiB/sub': round(perSubscription(r, 'rss'), 1),
  'loop delay p50 ms': round(r.live.eldP50Ms, 2),
  'p99 ms': round(r.live.eldP99Ms, 2),
  'max ms': round(r.live.eldMaxMs, 1),
  'responses/s': Math.round(r.live.framesPerSecond),
  'client CPU %': round(r.live.cpuPercent),
  'CPU ×bare': round(r.live.cpuPercent / bare.live.cpuPercent, 2),
  'sim CPU %': round(r.simulatorCpuPercent),
  'server subs live→closed': `${r.serverLive}→${r.serverAfter}`,
  'client sockets left': r.closed.socketsLeft,
  'close ms': Math.round(r.closed.closeMs),
  'exited alone': r.exitedAlone ? 'yes' : 'NO',
  errors: r.closed.errors,
}));
const problems = [...results].flatMap(([phase, r]) => [
  ...(r.live.receiving < r.live.total ? [`${phase}: only ${r.live.receiving}/${r.live.total} subscriptions received a frame`] : []),
  ...(r.serverLive !== COUNT ? [`${phase}: the server had ${r.serverLive} subscriptions live, not ${COUNT}`] : []),
  ...(r.serverAfter !== 0 || r.closed.socketsLeft !== 0 ? [`${phase}: after closing, ${r.serverAfter} server subscriptions and ${r.closed.socketsLeft} client sockets were left`] : []),
  ...(r.closed.errors > 0 ? [`${phase}: ${r.closed.errors} subscriptions failed, first: ${r.live.firstError ?? '(after the window)'}`] : []),
  ...(!r.exitedAlone ? [`${phase}: the client process did not exit by itself after closing everything`] : []),
]);
if (problems.length > 0) process.exitCode = 1;
report('subscriptions-memory', `${COUNT} concurrent subscriptions (40% depth updates, 30% market data, 30% trades; 3 markets), a block every ${BLOCK_MS} ms`, rows, [
  'memory: after a forced GC, before the first subscribe and once every subscription had a frame (+1 s); per sub = (after - before) / subscriptions.',
  `loop delay, responses/s and client CPU over a ${WINDOW_MS / 1000} s window with everything live (loop delay = how late monitorEventLoopDelay's 10 ms timer fired).`,
  'each phase runs in a fresh client process against a fresh simulator process (seed 42).',
  problems.length === 0 ? 'checks: every subscription received frames; server subscriptions back to 0 and client sockets closed after unsubscribing; no errors.' : `PROBLEMS:\n  ${problems.join('\n  ')}`,
]);
