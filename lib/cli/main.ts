#!/usr/bin/env node
/**
 * The `vega-streams` command line.
 *
 *   vega-streams <route> [filters] [options]   stream any of the 15 routes as NDJSON
 *   vega-streams book <marketId> [options]      one live order book
 *   vega-streams simulate [options]             run a simulated data node (see --help)
 */
import { BadRequestError } from '../errors/index.js';
import { runBook } from './book-command.js';
import { errorMessage } from './cli-flags.js';
import { runSimulate } from './simulate-command.js';
import { CLI_ROUTES, findRoute, kebab, runStream } from './stream-command.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: vega-streams <command> [options]

Commands:
  <route> [filters]  stream a route as NDJSON, one decoded response a line
  book <marketId>    keep one market's order book in sync and print each state
  simulate           run a simulated Vega data node on this machine

Routes (camelCase or kebab-case):
${CLI_ROUTES.map((route) => `  ${route.name.padEnd(21)}${kebab(route.name).padEnd(24)}${route.summary}`).join('\n')}

Streaming commands connect to ws://127.0.0.1:3008 (vega-streams simulate) unless given --node,
reconnect with backoff unless given --no-reconnect, and stop on --count, --duration or Ctrl-C.
Exit codes: 0 done, 1 an error a retry cannot cure, 2 bad command-line input.

Run vega-streams <command> --help for a command's options (a route's lists its filters).`;

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === 'simulate') {
    await runSimulate(rest);
    return 0;
  }
  if (command === 'book') return runBook(rest);
  const route = findRoute(command);
  if (route) return runStream(route, rest);
  throw new UsageError(`unknown command or route "${command}". Routes: ${CLI_ROUTES.map((r) => r.name).join(', ')}; commands: book, simulate. See vega-streams --help`);
}

/**
 * Exit with `code` once stdout is flushed. Every socket and timer is released by then, so the
 * process ends by itself; if something still holds the event loop 3 s later, say so and exit.
 */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => {
    console.error('vega-streams: forced exit: something still held the event loop after the streams ended (please report it)');
    process.exit(code);
  }, 3_000).unref();
}

main(process.argv.slice(2)).then(finish, (error: unknown) => {
  const usage = error instanceof UsageError || error instanceof BadRequestError;
  console.error(`vega-streams: ${errorMessage(error)}`);
  finish(usage ? 2 : 1);
});
