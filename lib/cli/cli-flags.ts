import { parseArgs } from 'node:util';
import { identity, take, takeUntil, timer, Subscription, type Observable } from 'rxjs';
import { createClient, type VegaClient } from '../client/index.js';
import type { RetryStatus } from '../operators/index.js';
import { UsageError } from './usage-error.js';

/** The node the commands connect to without `--node`: the simulator's default address. */
const DEFAULT_NODE = 'ws://127.0.0.1:3008';

/** How parseArgs reads one flag. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
}

/** Values as parseArgs returns them. */
export type FlagValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** The flags every streaming command takes (`--node`, `--count`, `--duration`, `--no-reconnect`, `--help`). */
const COMMON_FLAGS: Readonly<Record<string, FlagSpec & { short?: string }>> = {
  node: { type: 'string', multiple: true },
  count: { type: 'string' },
  duration: { type: 'string' },
  'no-reconnect': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Help lines of {@link COMMON_FLAGS}. */
export const COMMON_HELP = `  --node <url>            data node (default ${DEFAULT_NODE}); repeat it for failover
  --count <n>             stop after n lines (exit 0)
  --duration <seconds>    stop after this many seconds (exit 0)
  --no-reconnect          fail at once (exit 1) when the connection fails, instead of retrying with backoff
  -h, --help              show this help`;

/** The common flags, checked. */
export interface CommonFlags {
  readonly nodes: readonly string[];
  readonly count: number | undefined;
  readonly durationMs: number | undefined;
  readonly reconnect: boolean;
}

/** True when the arguments ask for help (`--help` or `-h` anywhere before `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * Parse a command's arguments strictly with the common flags plus `extra`; a bad flag becomes a
 * {@link UsageError} of one line ending with `hint` (e.g. where to find help).
 */
export function parseFlags(
  args: readonly string[],
  extra: Readonly<Record<string, FlagSpec>>,
  hint: string,
): { values: FlagValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...COMMON_FLAGS, ...extra },
      strict: true,
      allowPositionals: true,
    });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const message = firstSentence(errorMessage(error));
    throw new UsageError(`${message}. ${hint}`);
  }
}

/** Check the common flags' values. */
export function commonFlags(values: FlagValues): CommonFlags {
  const nodes = values['node'];
  const count = values['count'];
  const duration = values['duration'];
  if (count !== undefined && (typeof count !== 'string' || !/^\d+$/.test(count) || Number(count) < 1)) {
    throw new UsageError(`--count must be a whole number >= 1, got ${String(count)}`);
  }
  const seconds = Number(duration);
  if (duration !== undefined && (typeof duration !== 'string' || duration.trim() === '' || !Number.isFinite(seconds) || seconds <= 0)) {
    throw new UsageError(`--duration must be a number of seconds > 0, got ${String(duration)}`);
  }
  return {
    nodes: Array.isArray(nodes) && nodes.length ? nodes.map(String) : [DEFAULT_NODE],
    count: count === undefined ? undefined : Number(count),
    durationMs: duration === undefined ? undefined : seconds * 1000,
    reconnect: values['no-reconnect'] !== true,
  };
}

/** A client for the nodes; a malformed address is a {@link UsageError}. */
export function clientFor(nodes: readonly string[]): VegaClient {
  try {
    return createClient({ nodes });
  } catch (error) {
    throw new UsageError(`--node: ${errorMessage(error)}`);
  }
}

/** One stderr line for a reconnect event, or undefined for events not worth a line. */
function retryStatusLine(status: RetryStatus, manyNodes: boolean): string | undefined {
  switch (status.type) {
    case 'retrying': {
      const node = manyNodes && status.node !== undefined ? ` (next: ${status.node})` : '';
      return `reconnecting in ${(status.delayMs / 1000).toFixed(1)} s (attempt ${status.attempt})${node}: ${errorMessage(status.error)}`;
    }
    case 'recovered':
      return `reconnected (attempt ${status.attempt})`;
    case 'giving-up':
      return `giving up after ${status.attempt} attempts`;
  }
}

/** The retry status callback that prints each reconnect event as one stderr line. */
export function reportRetry(manyNodes: boolean): (status: RetryStatus) => void {
  return (status) => {
    const line = retryStatusLine(status, manyNodes);
    if (line !== undefined) console.error(line);
  };
}

/** An error's message on one line. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function firstSentence(text: string): string {
  const end = text.search(/\.\s/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\.$/, '');
}

/**
 * Print every value of `lines` as one stdout line until `--count` lines, `--duration` seconds,
 * the end of the stream, SIGINT or SIGTERM (all resolve 0, with the subscription and so every
 * socket closed), or an error (rejects with it, also closed). A closed stdout (`| head`) ends it too.
 */
export function printLines(
  lines: Observable<string>,
  flags: Pick<CommonFlags, 'count' | 'durationMs'>,
  write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
): Promise<number> {
  const limited = lines.pipe(
    flags.count === undefined ? identity : take(flags.count),
    flags.durationMs === undefined ? identity : takeUntil(timer(flags.durationMs)),
  );
  return new Promise<number>((resolve, reject) => {
    const subscription = new Subscription();
    let finished = false;
    const done = (finish: () => void): void => {
      if (finished) return;
      finished = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.off('error', stop);
      subscription.unsubscribe();
      finish();
    };
    const stop = (): void => done(() => resolve(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.on('error', stop);
    // Added to a subscription that may already be closed (it ended while subscribing): then released at once.
    subscription.add(
      limited.subscribe({
        next: write,
        error: (error: unknown) => done(() => reject(error)),
        complete: stop,
      }),
    );
  });
}
