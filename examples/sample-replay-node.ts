/**
 * A stand-in data node for the example until the simulator lands: a websocket server on
 * 127.0.0.1 that replays the vendored sample frames (real frames captured from testnet, in the
 * real wire format) on the trades, depth and market-data routes, one frame every `periodMs`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const SAMPLES = new URL('../spec/fixtures/samples/', import.meta.url);

/** Frames replayed per route path, compact JSON as the node sends them. */
const FRAMES: Readonly<Record<string, readonly string[]>> = {
  '/api/v2/stream/trades': ['trades__hb-mockob.json', 'trades__hb-mockws.json'].map(frame),
  '/api/v2/stream/markets/depth': ['markets-depth__hb-mockob.json'].map(frame),
  '/api/v2/stream/markets/depth/updates': ['markets-depth-updates__hb-mockob.json', 'markets-depth-updates__hb-mockws.json'].map(frame),
  '/api/v2/stream/markets/data': ['markets-data__hb-mockws.json'].map(frame),
};

function frame(file: string): string {
  return JSON.stringify(JSON.parse(readFileSync(new URL(file, SAMPLES), 'utf8')));
}

/** A running replay node; `stop()` drops every connection (without close frames, like the real node) and closes it. */
export interface ReplayNode {
  readonly url: string;
  stop(): Promise<void>;
}

/** Start the replay node on a free loopback port. */
export async function startReplayNode(periodMs = 400): Promise<ReplayNode> {
  const http = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket, request) => {
    const frames = FRAMES[(request.url ?? '').split('?')[0] ?? ''];
    if (!frames) {
      socket.send('{"code":5,"message":"Not Found"}', () => socket.terminate());
      return;
    }
    let next = 0;
    const timer = setInterval(() => socket.send(frames[next++ % frames.length] as string), periodMs);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
