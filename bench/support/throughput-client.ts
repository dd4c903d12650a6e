/**
 * One measured client of the pipeline-throughput benchmark, in a fresh process (so that JIT
 * state and heap of one client do not help or hinder another): told `start` over IPC, it loads
 * its client code, connects to the replay server, counts frames and items (trades, or depth level
 * updates) until it has seen every recorded frame, and answers `done` with the time from the first
 * frame to the last and its CPU time. Started by bench/pipeline-throughput.ts.
 *
 * Clients:
 * - `bare`: a `ws` socket doing only JSON.parse on each frame (the ceiling);
 * - `rxjs`: RxJS's `webSocket()` subject over `ws`, its default JSON deserializer (the peer);
 * - `library`: the vega-streams client from the shipped ESM build (`VEGA_STREAMS_BUILD`): socket,
 *   envelope, full io-ts decode with proto3 defaults; trades then `batchByBlock` with
 *   `blockTimeOf.trades` (default quiet period), depth updates as decoded (no block-time reader).
 */
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import type { Observable } from 'rxjs';
import { fromParent, tellParent } from './ipc.js';
import { itemsOf, routeUrl, type ThroughputRoute } from './throughput-frames.js';
import type { createClient as CreateClient } from '../../lib/client/index.js';
import type { batchByBlock as BatchByBlock, blockTimeOf as BlockTimeOf } from '../../lib/operators/index.js';
import type { ObserveMarketsDepthUpdatesResponse } from '../../lib/codecs/index.js';

/** The clients measured. */
export type ThroughputClient = 'bare' | 'rxjs' | 'library';

/** Parent → client: what to measure. */
export interface ClientStart {
  readonly type: 'start';
  readonly client: ThroughputClient;
  readonly route: ThroughputRoute;
  /** The replay server's `ws://host:port`. */
  readonly node: string;
  readonly markets: readonly string[];
  /** Frames to count (the recorded ones; the server sends one more). */
  readonly frames: number;
}

/** Client → parent: what it measured. */
export interface ClientDone {
  readonly type: 'done';
  readonly frames: number;
  readonly items: number;
  /** From the first frame seen to the last one counted, ms. */
  readonly ms: number;
  /** CPU time (user + system) of this process over that span, ms. */
  readonly cpuMs: number;
  /** The first error, if the stream failed. */
  readonly error: string | undefined;
}

const start = await fromParent<ClientStart>('start');
const { route } = start;
const url = routeUrl(start.node, route, start.markets);

let frames = 0;
let items = 0;
let firstAt = 0;
let cpuAtFirst: NodeJS.CpuUsage | undefined;
let finished = false;
let stop: () => void = () => undefined;

/** Mark the first frame seen. */
const first = (): void => {
  if (cpuAtFirst !== undefined) return;
  cpuAtFirst = process.cpuUsage();
  firstAt = performance.now();
};
/** Count one frame; reports once every recorded frame is counted. */
const count = (frameItems: number): void => {
  if (finished) return;
  frames++;
  items += frameItems;
  if (frames >= start.frames) finish(undefined);
};
const finish = (error: string | undefined): void => {
  if (finished) return;
  finished = true;
  const ms = performance.now() - firstAt;
  const cpu = process.cpuUsage(cpuAtFirst);
  stop();
  const done: ClientDone = { type: 'done', frames, items, ms, cpuMs: (cpu.user + cpu.system) / 1000, error };
  tellParent(done);
  process.disconnect();
};
const failed = (error: unknown): void => finish(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

if (start.client === 'bare') {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.on('message', (data: Buffer) => {
    first();
    if (frames < start.frames) count(itemsOf(route, JSON.parse(data.toString())));
  });
  socket.on('error', failed);
  stop = () => socket.terminate();
} else if (start.client === 'rxjs') {
  const { webSocket } = await import('rxjs/webSocket');
  const subject = webSocket<unknown>({ url, WebSocketCtor: WebSocket as unknown as new (url: string, protocols?: string | string[]) => globalThis.WebSocket });
  const subscription = subject.subscribe({
    next: (message) => {
      first();
      if (frames < start.frames) count(itemsOf(route, message));
    },
    error: failed,
  });
  stop = () => subscription.unsubscribe();
} else {
  const build = process.env['VEGA_STREAMS_BUILD'];
  if (build === undefined) throw new Error('VEGA_STREAMS_BUILD (an esbuild.mjs output directory) is not set');
  const { createClient } = (await import(pathToFileURL(`${build}/esm/index.js`).href)) as { createClient: typeof CreateClient };
  const { batchByBlock, blockTimeOf } = (await import(pathToFileURL(`${build}/esm/operators/index.js`).href)) as {
    batchByBlock: typeof BatchByBlock;
    blockTimeOf: typeof BlockTimeOf;
  };
  const { tap } = await import('rxjs');
  const client = createClient({ nodes: [start.node] });
  const filters = { marketIds: start.markets };
  const subscription =
    route === 'trades'
      ? client
          .trades(filters)
          .pipe(tap(first), batchByBlock({ blockTime: blockTimeOf.trades }))
          .subscribe({
            next: (block) => {
              for (const response of block.values) if (frames < start.frames) count(response.trades.length);
            },
            error: failed,
          })
      : (client.marketsDepthUpdates(filters) as Observable<ObserveMarketsDepthUpdatesResponse>).subscribe({
          next: (response) => {
            first();
            let levels = 0;
            for (const update of response.update) levels += update.buy.length + update.sell.length;
            count(levels);
          },
          error: failed,
        });
  stop = () => subscription.unsubscribe();
}
