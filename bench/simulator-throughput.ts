/**
 * How many order-book level updates per second the simulator delivers to one client on the
 * depth-updates route at block interval 0 (issue target: >= 50,000), side by side with the
 * baseline: how many the engine and data node produce per second in-process, with no server.
 *
 *   npx tsx bench/simulator-throughput.ts [seconds]
 *
 * The simulator runs in its own process (the `vega-streams simulate` command); the client here
 * is a bare `ws` socket doing JSON.parse, so the figure measures the simulator, not a client.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createEngine } from '../lib/simulator/engine/index.js';
import { DataNode } from '../lib/simulator/data-node/index.js';
import { report, type Row } from './support/report.js';

const SECONDS = Number(process.argv[2] ?? 5);
/**
 * Agent order actions per market per block: 10 is the simulator's default; a busy node sees more
 * activity per block, and more orders per block give more level updates per second (each block
 * has a fixed cost: market ticks, mark-to-market, market data, positions), so the larger settings
 * show the simulator's capacity.
 */
const ORDERS_PER_BLOCK = [10, 40, 80];
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Level updates per second produced by engine + data node in-process (the baseline). */
function produced(ordersPerBlock: number): { levelsPerSecond: number; blocksPerSecond: number } {
  const engine = createEngine({ seed: 42, blockIntervalNs: 0n, ordersPerBlock });
  const node = new DataNode();
  for (let i = 0; i < 20; i++) node.apply(engine.nextBlock());
  let levels = 0;
  let blocks = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    const block = node.apply(engine.nextBlock());
    for (const u of block.depthUpdates) levels += u.buy.length + u.sell.length;
    blocks += 1;
  }
  const s = (performance.now() - start) / 1000;
  return { levelsPerSecond: levels / s, blocksPerSecond: blocks / s };
}

/** Level updates per second one client receives from a simulator process. */
async function delivered(ordersPerBlock: number): Promise<{ levelsPerSecond: number; framesPerSecond: number; dropped: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'simulate', '--port', '0', '--block-ms', '0', '--seed', '42', '--orders-per-block', String(ordersPerBlock)], { cwd: ROOT });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /websocket: (ws:\/\/[^/]+)/.exec(out);
        if (match && out.includes('Ctrl-C')) resolve(match[1] as string);
      });
      child.on('exit', () => reject(new Error(`simulator exited: ${out}`)));
    });
    const markets = [...out.matchAll(/^ {4}([0-9a-f]{64}) /gm)].map((m) => m[1]);
    const socket = new WebSocket(`${url}/api/v2/stream/markets/depth/updates?${markets.map((m) => `marketIds=${m}`).join('&')}`);
    let levels = 0;
    let frames = 0;
    let dropped = false;
    let counting = false;
    socket.on('message', (data) => {
      const update = (JSON.parse(data.toString()) as { result?: { update: Array<{ buy?: unknown[]; sell?: unknown[] }> } }).result?.update[0];
      if (!update) dropped = true; // an error frame: the simulator dropped a slow client
      if (!counting || !update) return;
      levels += (update.buy?.length ?? 0) + (update.sell?.length ?? 0);
      frames += 1;
    });
    socket.on('close', () => (dropped = dropped || counting));
    await new Promise((resolve) => socket.on('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500)); // warm up
    counting = true;
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    counting = false;
    const s = (performance.now() - start) / 1000;
    socket.close();
    return { levelsPerSecond: levels / s, framesPerSecond: frames / s, dropped };
  } finally {
    child.kill('SIGINT');
  }
}

const rows: Row[] = [];
for (const ordersPerBlock of ORDERS_PER_BLOCK) {
  const baseline = produced(ordersPerBlock);
  const client = await delivered(ordersPerBlock);
  rows.push({
    ordersPerBlock,
    'baseline: produced levels/s (in-process)': Math.round(baseline.levelsPerSecond),
    'delivered levels/s (1 client, loopback)': Math.round(client.levelsPerSecond),
    'delivered / baseline': Number((client.levelsPerSecond / baseline.levelsPerSecond).toFixed(2)),
    'target 50,000 met': client.levelsPerSecond >= 50_000 && !client.dropped ? 'yes' : 'NO',
    'frames/s': Math.round(client.framesPerSecond),
  });
}
report('simulator-throughput', `Simulator: depth-update levels per second at block interval 0, 3 markets, ${SECONDS} s per figure`, rows, [
  'baseline = engine + data node in one process, no server; delivered = what one bare ws client receives from the simulator process.',
  'ordersPerBlock = agent order actions per market per block (simulator default 10); 40 and 80 model a busy node and give more level updates per block.',
]);
