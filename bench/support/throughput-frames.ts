// The frames the pipeline-throughput benchmark replays: recorded once per run from a simulator
// process at block interval 0, kept in NDJSON files (one websocket text frame a line).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { marketsDepthUpdatesRoute, nodeBaseUrl, routeQuery, streamUrl, tradesRoute } from '../../lib/endpoints/index.js';
import { startSimulatorProcess } from './simulator-handle.js';

/** The routes measured. */
export type ThroughputRoute = 'trades' | 'depthUpdates';

/** The websocket URL of a route over every market, as the library builds it. */
export function routeUrl(node: string, route: ThroughputRoute, marketIds: readonly string[]): string {
  const definition = route === 'trades' ? tradesRoute : marketsDepthUpdatesRoute;
  return streamUrl(nodeBaseUrl(node), definition.path, routeQuery(definition, { marketIds }));
}

/** What was recorded for one route. */
export interface RecordedRoute {
  /** The NDJSON file of the frames. */
  readonly file: string;
  /** Frames recorded. */
  readonly frames: number;
  /** Items in them: trades, or depth level updates (buy + sell entries). */
  readonly items: number;
  /** Their total size, bytes. */
  readonly bytes: number;
}

/** Items of one parsed frame: `result.trades` entries, or buy + sell entries of `result.update[]`. */
export function itemsOf(route: ThroughputRoute, message: unknown): number {
  const result = (message as { result?: { trades?: unknown[]; update?: Array<{ buy?: unknown[]; sell?: unknown[] }> } }).result;
  if (result === undefined) return 0;
  if (route === 'trades') return result.trades?.length ?? 0;
  let items = 0;
  for (const update of result.update ?? []) items += (update.buy?.length ?? 0) + (update.sell?.length ?? 0);
  return items;
}

/**
 * Record `frames[route]` frames of each route over every market from a fresh simulator process
 * (seed 42, block interval 0), both routes at once; the files go into `dir`. Fails when a route
 * falls short within `timeoutMs` or the simulator sends an error frame.
 */
export async function recordFrames(dir: string, frames: Record<ThroughputRoute, number>, timeoutMs = 30_000): Promise<{ markets: readonly string[]; routes: Record<ThroughputRoute, RecordedRoute> }> {
  const sim = await startSimulatorProcess({ seed: 42, blockMs: 0 });
  try {
    const record = (route: ThroughputRoute): Promise<RecordedRoute> =>
      new Promise<RecordedRoute>((resolve, reject) => {
        const wanted = frames[route];
        const kept: string[] = [];
        let items = 0;
        let bytes = 0;
        const socket = new WebSocket(routeUrl(sim.url, route, sim.markets), { perMessageDeflate: false });
        const timer = setTimeout(() => fail(new Error(`${route}: only ${kept.length}/${wanted} frames within ${timeoutMs} ms`)), timeoutMs);
        const fail = (error: Error): void => {
          clearTimeout(timer);
          socket.terminate();
          reject(error);
        };
        socket.on('message', (data: Buffer) => {
          if (kept.length >= wanted) return;
          const text = data.toString();
          const message = JSON.parse(text) as { error?: unknown };
          if (message.error !== undefined || text.includes('\n')) return fail(new Error(`${route}: unexpected frame ${text.slice(0, 200)}`));
          kept.push(text);
          items += itemsOf(route, message);
          bytes += data.length;
          if (kept.length < wanted) return;
          clearTimeout(timer);
          socket.terminate();
          const file = join(dir, `${route}.ndjson`);
          writeFileSync(file, `${kept.join('\n')}\n`);
          resolve({ file, frames: kept.length, items, bytes });
        });
        socket.on('error', fail);
      });
    const [trades, depthUpdates] = await Promise.all([record('trades'), record('depthUpdates')]);
    return { markets: sim.markets, routes: { trades, depthUpdates } };
  } finally {
    await sim.stop();
  }
}
