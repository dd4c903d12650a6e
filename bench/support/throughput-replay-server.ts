/**
 * The pipeline-throughput benchmark's frame source, in its own process: a websocket server on
 * 127.0.0.1 that sends each connecting client the recorded frames of the route its URL names
 * (…/trades… or …/markets/depth/updates…), `passes` times over, as fast as the socket drains (it
 * waits for `drain` whenever more than HIGH_WATER bytes are queued), then one more frame, the route's first again:
 * it opens another block, so batchByBlock emits the last recorded one at once rather than after
 * its quiet period. The connection then stays open until the client closes it.
 *
 * Started with a JSON {@link ReplayConfig} in argv[2]; tells the parent
 * `ready` with its `ws://host:port`, answers `stop` by closing and exiting.
 */
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { tellParent, type Message } from './ipc.js';
import type { ThroughputRoute } from './throughput-frames.js';

/** Replay server → parent: listening. */
export interface ReplayReady {
  readonly type: 'ready';
  /** `ws://127.0.0.1:port`. */
  readonly url: string;
}

/** What the replay server sends. */
export interface ReplayConfig {
  /** The NDJSON file of each route's frames. */
  readonly files: Record<ThroughputRoute, string>;
  /** How many times each connection gets the whole recording, back to back. */
  readonly passes: number;
}

const HIGH_WATER = 1024 * 1024;
/** Frames sent between two yields to the event loop when the socket never fills. */
const YIELD_EVERY = 2_000;

const { files, passes } = JSON.parse(process.argv[2] ?? '{}') as ReplayConfig;
const frames: Record<ThroughputRoute, Buffer[]> = {
  trades: lines(files.trades),
  depthUpdates: lines(files.depthUpdates),
};

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await once(server, 'listening');
server.on('connection', (socket, request) => {
  const path = request.url ?? '';
  const route: ThroughputRoute | undefined = path.includes('/markets/depth/updates') ? 'depthUpdates' : path.includes('/trades') ? 'trades' : undefined;
  if (route === undefined) {
    socket.close(1008, 'unknown route');
    return;
  }
  void replay(socket, frames[route]).catch(() => socket.terminate());
});
process.on('message', (message: Message) => {
  if (message.type !== 'stop') return;
  for (const client of server.clients) client.terminate();
  server.close(() => {
    tellParent({ type: 'stopped' });
    process.disconnect();
  });
});
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
const ready: ReplayReady = { type: 'ready', url: `ws://127.0.0.1:${address.port}` };
tellParent(ready);

async function replay(socket: WebSocket, route: readonly Buffer[]): Promise<void> {
  const raw = (socket as unknown as { _socket: Socket })._socket;
  const closed = once(socket, 'close');
  const all = [...Array.from({ length: passes }, () => route).flat(), route[0] as Buffer];
  for (let i = 0; i < all.length; i++) {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(all[i] as Buffer, { binary: false });
    if (socket.bufferedAmount > HIGH_WATER) await Promise.race([once(raw, 'drain'), closed]);
    else if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

function lines(file: string): Buffer[] {
  const out = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => Buffer.from(line));
  if (out.length === 0) throw new Error(`no frames in ${file}`);
  return out;
}
