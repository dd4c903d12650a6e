#!/usr/bin/env node
/**
 * The `vega-streams` command line.
 *
 *   vega-streams simulate [options]   run a simulated data node (see --help)
 */
import { runSimulate } from './simulate-command.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: vega-streams <command> [options]

Commands:
  simulate   run a simulated Vega data node on this machine

Run vega-streams <command> --help for a command's options.`;

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === 'simulate') {
    await runSimulate(rest);
    return 0;
  }
  throw new UsageError(`unknown command "${command}". Commands: simulate. See vega-streams --help`);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`vega-streams: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(`vega-streams: ${(error as Error).message ?? String(error)}`);
      process.exitCode = 1;
    }
  },
);

