/**
 * The browser example (`npm run example:browser`): the embedded simulated data node and a page
 * that shows one market's live order book and trades through the package's browser build, over
 * the browser's native WebSocket. Both servers listen on 127.0.0.1 only.
 *
 *   tsx examples/browser/serve.ts [--port N] [--sim-port N]
 *
 * --port is the page's (default 8080), --sim-port the data node's (default 0: a free one); 0
 * picks a free port. Ctrl-C (or SIGTERM) closes every connection and exits 0.
 */
import { parseArgs } from 'node:util';
import { startBrowserExample, type BrowserExampleOptions } from './server.js';

/** The page's port when --port is not given. */
const DEFAULT_PORT = 8080;

const options = parseOrExit(process.argv.slice(2));
const example = await startBrowserExample(options).catch((error: unknown) => {
  console.error(`could not start the browser example: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// Listen for the signals before saying how to send them.
const stop = (): void => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  example.close().then(
    () => console.log('stopped: every connection closed'),
    (error: unknown) => {
      console.error(`could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`vega-streams browser example: open ${example.url}`);
console.log(`  simulated data node: ${example.simulator.url} (${example.simulator.markets.length} markets, one page each: ?market=<id>)`);
console.log('Press Ctrl-C to stop.');

/** `--port` and `--sim-port`; a usage error exits 2 with one line. */
function parseOrExit(args: readonly string[]): BrowserExampleOptions {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, 'sim-port': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    return { port: port('--port', values.port ?? String(DEFAULT_PORT)), simPort: port('--sim-port', values['sim-port'] ?? '0') };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: tsx examples/browser/serve.ts [--port N] [--sim-port N]`);
    process.exit(2);
  }
}

/** A port number 0..65535 (0: a free one), else a TypeError naming the flag. */
function port(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535) throw new TypeError(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(raw)}`);
  return n;
}
