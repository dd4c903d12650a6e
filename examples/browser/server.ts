// The browser example's server: the simulated data node plus a static page server, both on 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import type { Market } from '../../lib/codecs/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { marketInfo } from '../main/markets.js';
import { bundlePage, bundleSelfContained } from './bundle.js';
import { CONFIG_PATH, type ExampleConfig, type ExampleMarket } from './config.js';

/** Options of {@link startBrowserExample}. */
export interface BrowserExampleOptions {
  /** Port of the page (default 0: a free one). */
  readonly port?: number;
  /** Port of the simulated data node (default 0: a free one). */
  readonly simPort?: number;
  /** Milliseconds between simulated blocks (default 500). */
  readonly blockMs?: number;
}

/** A running browser example. */
export interface BrowserExample {
  /** The page: `http://127.0.0.1:<port>/` (add `?market=<id>` for another market). */
  readonly url: string;
  /** The simulated data node the page streams from; `simulator.server.subscriptions` lists its live sockets. */
  readonly simulator: Simulator;
  /** Close the page server (with its keep-alive connections) and stop the simulator. */
  close(): Promise<void>;
}

/** Both servers listen here only. */
const HOST = '127.0.0.1';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Start the example: bundle the page, start the simulated data node and serve the page, its
 * config (the node's URL and markets), and the self-contained bundle at `/vega-streams.bundle.js`.
 * Throws, with nothing left running, when a port is taken or the page does not build.
 *
 * @example
 * const example = await startBrowserExample({ port: 0, simPort: 0 });
 * console.log(example.url); // open it in a browser
 * await example.close();
 */
export async function startBrowserExample(options: BrowserExampleOptions = {}): Promise<BrowserExample> {
  const files = new Map<string, Uint8Array>([
    ...(await bundlePage()),
    ...(await bundleSelfContained()),
    ['/index.html', await readFile(new URL('index.html', import.meta.url))],
  ]);
  const simPort = options.simPort ?? 0;
  const simulator = await Simulator.start({ host: HOST, port: simPort, blockMs: options.blockMs ?? 500 }).catch((error: unknown) => {
    throw explainPortInUse(error, '--sim-port', simPort);
  });
  const config: ExampleConfig = { node: simulator.url, markets: simulator.markets.map(exampleMarket) };
  files.set(CONFIG_PATH, new TextEncoder().encode(JSON.stringify(config)));
  const http = createServer((request, response) => serve(files, request, response));
  try {
    await listen(http, options.port ?? 0);
  } catch (error) {
    await simulator.stop();
    throw explainPortInUse(error, '--port', options.port ?? 0);
  }
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/`,
    simulator,
    close: async () => {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => http.close(() => resolve())), simulator.stop()]);
    },
  };
}

/** GET or HEAD of a built file; `/` is index.html. */
function serve(files: ReadonlyMap<string, Uint8Array>, request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const body = files.get(path === '/' ? '/index.html' : path);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (body === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${path}\n`);
  } else {
    const type = CONTENT_TYPES[extname(path)] ?? CONTENT_TYPES['.html'];
    response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

/** Listen on {@link HOST}. */
function listen(http: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, HOST, () => {
      http.off('error', reject);
      resolve();
    });
  });
}

/** A port in use becomes an error that says what to do; other errors pass unchanged. */
function explainPortInUse(error: unknown, flag: string, port: number): unknown {
  const inUse = error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  return inUse ? new Error(`Port ${port} is in use: pass ${flag} with another one (0 picks a free one).`, { cause: error }) : error;
}

/** A simulator market as the page needs it, named as `npm start` names it. */
function exampleMarket(market: Market): ExampleMarket {
  return {
    id: market.id,
    name: marketInfo(market).name,
    decimalPlaces: market.decimalPlaces,
    positionDecimalPlaces: market.positionDecimalPlaces,
  };
}
