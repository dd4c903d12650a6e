import { parseArgs } from 'node:util';
import { Simulator, type SimulatorOptions } from '../simulator/index.js';
import { UsageError } from './usage-error.js';

/** `vega-streams simulate --help`. */
const SIMULATE_HELP = `Usage: vega-streams simulate [options]

Run a simulated Vega v0.79 data node on this machine until interrupted (Ctrl-C).

Options:
  --port <n>              port to listen on (default 3008; 0 picks a free one)
  --host <addr>           interface to bind (default 127.0.0.1)
  --seed <n>              seed of the market engine (default 42): same seed, same blocks
  --block-ms <n>          wall-clock ms between blocks (default 1000; 0 = as fast as possible)
  --markets <n>           number of markets (default 3)
  --parties <n>           number of trading parties
  --orders-per-block <n>  agent order actions per market per block
  --replay <file>         replay a recorded event stream (.jsonl or .jsonl.gz) instead
  --filter-bugs           reproduce the real node's server-side filter bugs
  -h, --help              show this help`;

/** Parse `simulate` arguments; throws a UsageError with one line for bad input. */
export function parseSimulateArgs(args: readonly string[]): SimulatorOptions & { help: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'block-ms': { type: 'string' },
        markets: { type: 'string' },
        parties: { type: 'string' },
        'orders-per-block': { type: 'string' },
        replay: { type: 'string' },
        'filter-bugs': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. See vega-streams simulate --help`);
  }
  const count = (name: string, min: number, fallback?: number): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got ${String(raw)}`);
    return n;
  };
  const options: SimulatorOptions & { help: boolean } = {
    help: values['help'] === true,
    port: count('port', 0, 3008) as number,
    blockMs: count('block-ms', 0, 1000) as number,
    filterBugs: values['filter-bugs'] === true,
    ...(values['host'] !== undefined && { host: values['host'] as string }),
    ...(values['replay'] !== undefined && { replay: values['replay'] as string }),
  };
  const seed = count('seed', 0);
  const markets = count('markets', 1);
  const parties = count('parties', 2);
  const ordersPerBlock = count('orders-per-block', 0);
  return {
    ...options,
    ...(seed !== undefined && { seed }),
    ...(markets !== undefined && { markets }),
    ...(parties !== undefined && { parties }),
    ...(ordersPerBlock !== undefined && { ordersPerBlock }),
  };
}

/**
 * Run the simulator until SIGINT or SIGTERM, printing its URLs and markets. Resolves when it has
 * shut down cleanly.
 */
export async function runSimulate(args: readonly string[], out: (line: string) => void = console.log): Promise<void> {
  const options = parseSimulateArgs(args);
  if (options.help) {
    out(SIMULATE_HELP);
    return;
  }
  const sim = await Simulator.start(options);
  // Listen for the signals before saying how to send them.
  const stopped = new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      sim.stop().then(resolve, reject); // a failed stop reaches main, which prints it and exits 1
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out(`vega-streams simulated data node (v0.79 wire format)`);
  out(`  websocket: ${sim.url}/api/v2/stream/<route>`);
  out(`  http:      ${sim.httpUrl}/api/v2/stream/<route>  (NDJSON, as curl shows it)`);
  out(`  markets:`);
  for (const market of sim.markets) {
    const name = market.tradableInstrument?.instrument?.name ?? '';
    out(`    ${market.id}  ${name} (price decimals ${market.decimalPlaces}, position decimals ${market.positionDecimalPlaces})`);
  }
  out(`Press Ctrl-C to stop.`);
  await stopped;
  out('stopped: every connection closed');
}
