/**
 * Throughput: frames and items per second one client sustains on the trades and depth-updates
 * routes, for the full vega-streams pipeline (socket -> envelope -> io-ts decode with proto3
 * defaults -> per-block batching) side by side with
 * - the ceiling: a bare `ws` socket doing only JSON.parse on the same frames (target: the
 *   library sustains >= 70% of it);
 * - the peer: RxJS's own `webSocket()` subject (rxjs/webSocket over `ws`) with its default JSON
 *   deserializer (target: the library is not slower, >= 100%).
 *
 *   npx tsx bench/pipeline-throughput.ts [tradesFrames] [depthFrames] [rounds] [passes]
 *
 * Every client gets identical frames: they are recorded once per run from a simulator process
 * (seed 42, 3 markets, block interval 0: every market, both routes), then a replay server in its
 * own process on 127.0.0.1 sends them to one client at a time as fast as the socket drains, the
 * whole recording `passes` times back to back (recording is slower than replaying). Each
 * client runs in a fresh process (bench/support/throughput-client.ts) and times the first frame
 * to the last; the order of the clients rotates from round to round, and the table gives each
 * client's median over the rounds. The library is first built with esbuild.mjs into a temporary
 * directory and loaded from there, so the figures are those of the shipped ESM build.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask, nextMessage } from './support/ipc.js';
import { report, type Row } from './support/report.js';
import { median, round } from './support/stats.js';
import type { ClientDone, ClientStart, ThroughputClient } from './support/throughput-client.js';
import { recordFrames, type RecordedRoute, type ThroughputRoute } from './support/throughput-frames.js';
import type { ReplayConfig, ReplayReady } from './support/throughput-replay-server.js';

const FRAMES: Record<ThroughputRoute, number> = {
  // Trades frames are large (~11 KB: every trade of a block over 3 markets), depth frames small (~0.8 KB).
  trades: Number(process.argv[2] ?? 6_000),
  depthUpdates: Number(process.argv[3] ?? 30_000),
};
const ROUNDS = Number(process.argv[4] ?? 3);
const PASSES = Number(process.argv[5] ?? 5);
const ROUTES: readonly ThroughputRoute[] = ['trades', 'depthUpdates'];
const CLIENTS: readonly ThroughputClient[] = ['bare', 'rxjs', 'library'];
const CLIENT_TIMEOUT_MS = 60_000;
const CEILING_TARGET = 0.7;
const PEER_TARGET = 1.0;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));
mkdirSync(CACHE, { recursive: true });
/** The shipped ESM build, made fresh for this run (inside the project, so its imports resolve). */
const BUILD = mkdtempSync(join(CACHE, 'vega-streams-bench-'));
const FRAMES_DIR = mkdtempSync(join(tmpdir(), 'vega-streams-frames-'));
/** Every child started, so that none outlives the run whatever happens. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(BUILD, { recursive: true, force: true });
  rmSync(FRAMES_DIR, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

execFileSync(process.execPath, ['esbuild.mjs', '--outdir', BUILD, '--no-types'], { cwd: ROOT, stdio: 'inherit' });

const LABEL: Record<ThroughputClient, string> = {
  bare: 'ceiling: bare ws + JSON.parse',
  rxjs: 'peer: rxjs webSocket() (JSON.parse)',
  library: 'vega-streams: decode + batchByBlock',
};
const ITEMS: Record<ThroughputRoute, string> = { trades: 'trades', depthUpdates: 'level updates' };

/**
 * `BENCH_CPU_PROFILE=<dir>`: each client process writes a V8 CPU profile there (open it in Chrome
 * DevTools), to see where a client's time goes.
 */
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];
const PROFILE: readonly string[] = PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`];

function start(entry: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, flags: readonly string[] = []): ChildProcess {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...flags],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stopChild(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** One client measurement in a fresh process. */
async function measure(client: ThroughputClient, route: ThroughputRoute, node: string, markets: readonly string[]): Promise<ClientDone> {
  const child = start('./support/throughput-client.ts', [], { ...process.env, VEGA_STREAMS_BUILD: BUILD }, PROFILE);
  try {
    const message: ClientStart = { type: 'start', client, route, node, markets, frames: recording.routes[route].frames * PASSES };
    return await ask<ClientDone>(child, message, 'done', CLIENT_TIMEOUT_MS);
  } finally {
    await stopChild(child);
  }
}

const recordStart = performance.now();
const recording = await recordFrames(FRAMES_DIR, FRAMES);
const recordSeconds = (performance.now() - recordStart) / 1000;
const files: Record<ThroughputRoute, string> = { trades: recording.routes.trades.file, depthUpdates: recording.routes.depthUpdates.file };
const replayConfig: ReplayConfig = { files, passes: PASSES };
const server = start('./support/throughput-replay-server.ts', [JSON.stringify(replayConfig)]);
const { url: node } = await nextMessage<ReplayReady>(server, 'ready');

const runs = new Map<string, ClientDone[]>();
const problems: string[] = [];
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const route of ROUTES) {
      const order = CLIENTS.map((_, i) => CLIENTS[(i + r) % CLIENTS.length] as ThroughputClient);
      for (const client of order) {
        const done = await measure(client, route, node, recording.markets);
        const expected = recording.routes[route];
        if (done.error !== undefined) problems.push(`${route} ${client} round ${r + 1}: ${done.error}`);
        else if (done.frames !== expected.frames * PASSES || done.items !== expected.items * PASSES)
          problems.push(`${route} ${client} round ${r + 1}: counted ${done.frames} frames / ${done.items} items, sent ${expected.frames * PASSES} / ${expected.items * PASSES}`);
        const key = `${route}/${client}`;
        runs.set(key, [...(runs.get(key) ?? []), done]);
        console.log(
          `round ${r + 1} ${route.padEnd(12)} ${client.padEnd(8)} ${Math.round((done.frames / done.ms) * 1000).toLocaleString('en-US').padStart(9)} frames/s  ${Math.round(done.ms)} ms  CPU ${Math.round((done.cpuMs / done.ms) * 100)}%`,
        );
      }
    }
  }
} finally {
  if (server.connected) {
    const stopped = nextMessage(server, 'stopped', 5_000).catch(() => undefined);
    server.send({ type: 'stop' });
    await stopped;
  }
  await stopChild(server);
}

/** Medians over the rounds of one client on one route. */
interface Figures {
  readonly framesPerSecond: number;
  readonly itemsPerSecond: number;
  readonly cpuPercent: number;
  readonly spread: number;
}
function figures(route: ThroughputRoute, client: ThroughputClient): Figures {
  const done = runs.get(`${route}/${client}`) ?? [];
  const fps = done.map((d) => (d.frames / d.ms) * 1000);
  return {
    framesPerSecond: median(fps),
    itemsPerSecond: median(done.map((d) => (d.items / d.ms) * 1000)),
    cpuPercent: median(done.map((d) => (d.cpuMs / d.ms) * 100)),
    spread: (Math.max(...fps) - Math.min(...fps)) / median(fps),
  };
}

const rows: Row[] = [];
const targets: string[] = [];
const verdicts: Record<string, unknown> = {};
for (const route of ROUTES) {
  const recorded: RecordedRoute = recording.routes[route];
  const ceiling = figures(route, 'bare');
  const peer = figures(route, 'rxjs');
  for (const client of CLIENTS) {
    const f = figures(route, client);
    rows.push({
      route: route === 'trades' ? 'trades' : 'markets/depth/updates',
      client: client === 'library' && route === 'depthUpdates' ? 'vega-streams: decode (no block-time reader)' : LABEL[client],
      'frames/s': Math.round(f.framesPerSecond),
      [`items/s (${ITEMS.trades} | ${ITEMS.depthUpdates})`]: Math.round(f.itemsPerSecond),
      'MB/s': round((f.framesPerSecond * recorded.bytes) / recorded.frames / 1e6, 1),
      '× ceiling': round(f.framesPerSecond / ceiling.framesPerSecond, 2),
      '× peer': round(f.framesPerSecond / peer.framesPerSecond, 2),
      'client CPU %': Math.round(f.cpuPercent),
      'spread %': Math.round(f.spread * 100),
    });
  }
  const library = figures(route, 'library');
  const vsCeiling = library.framesPerSecond / ceiling.framesPerSecond;
  const vsPeer = library.framesPerSecond / peer.framesPerSecond;
  const line = (name: string, ratio: number, target: number): string =>
    `${route}: library ≥ ${target.toFixed(2)} × ${name}: ${ratio >= target ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)}×, margin ${ratio - target >= 0 ? '+' : ''}${((ratio - target) * 100).toFixed(0)} points)`;
  targets.push(line('ceiling', vsCeiling, CEILING_TARGET), line('peer', vsPeer, PEER_TARGET));
  verdicts[route] = { vsCeiling: round(vsCeiling, 3), ceilingMet: vsCeiling >= CEILING_TARGET, vsPeer: round(vsPeer, 3), peerMet: vsPeer >= PEER_TARGET };
}
if (problems.length > 0) process.exitCode = 1;
const describe = (route: ThroughputRoute): string => {
  const r = recording.routes[route];
  return `${route}: ${r.frames.toLocaleString('en-US')} frames, ${r.items.toLocaleString('en-US')} ${ITEMS[route]}, ${(r.bytes / 1e6).toFixed(1)} MB (${Math.round(r.bytes / r.frames)} B/frame)`;
};
report('pipeline-throughput', `Pipeline throughput, one client over loopback, identical recorded frames; median of ${ROUNDS} rounds`, rows, [
  `frames: recorded in ${recordSeconds.toFixed(1)} s from a simulator process (seed 42, 3 markets, block interval 0), every market; ${describe('trades')}; ${describe('depthUpdates')}.`,
  `each client: a fresh process, sent the recording ${PASSES} times back to back by a replay server process on 127.0.0.1 (as fast as the socket drains), timed from the first frame to the last; client order rotates each round.`,
  'client CPU % = CPU time of the client process (main thread + GC and libuv threads) over the timed span; the replay server has the other core.',
  'items/s: trades on the trades route, level updates (buy + sell entries) on markets/depth/updates. spread = (max - min) / median of frames/s over the rounds.',
  'library: createClient(...).trades(...) → batchByBlock({ blockTime: blockTimeOf.trades }) (default quiet period); markets/depth/updates has no block-time reader, so its row is the decoded stream without batching.',
  ...targets,
  problems.length === 0 ? 'checks: every client counted every recorded frame and item; no errors.' : `PROBLEMS:\n  ${problems.join('\n  ')}`,
]);
// The frames and the verdicts beside the table, for whoever reads the JSON.
const resultFile = new URL('./results/pipeline-throughput.json', import.meta.url);
const saved = JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
writeFileSync(resultFile, `${JSON.stringify({ ...saved, frames: Object.fromEntries(ROUTES.map((r) => [r, { ...recording.routes[r], file: undefined }])), rounds: ROUNDS, passes: PASSES, targets: verdicts }, null, 2)}\n`);
