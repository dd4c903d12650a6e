import { parseArgs } from 'node:util';
import { isVegaId } from '../../lib/index.js';

/** The main job's checked command line. */
export interface MainArgs {
  /** Data-node addresses (`--node`, repeatable); empty: run the embedded simulator. */
  readonly nodes: readonly string[];
  /** Market ids (`--market`, repeatable); empty: every market of the node. */
  readonly markets: readonly string[];
  /** Stop after this many seconds (`--seconds`); undefined: run until Ctrl-C. */
  readonly seconds: number | undefined;
}

/** A bad command line: its message is the one line printed before exiting with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parse and check the main job's flags; throws a {@link UsageError} of one line when they are bad. */
export function parseMainArgs(args: readonly string[]): MainArgs {
  let values: { node?: string[]; market?: string[]; seconds?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        node: { type: 'string', multiple: true },
        market: { type: 'string', multiple: true },
        seconds: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split('\n')[0]?.replace(/\.$/, '') ?? message}. Flags: --node <url> --market <id> --seconds <n>`);
  }
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  if (seconds !== undefined && (values.seconds?.trim() === '' || !Number.isFinite(seconds) || seconds <= 0)) {
    throw new UsageError(`--seconds must be a positive number, got ${values.seconds}`);
  }
  for (const market of values.market ?? []) {
    if (!isVegaId(market)) throw new UsageError(`--market ${market} is not a market id (64 lowercase hex characters)`);
  }
  return { nodes: values.node ?? [], markets: values.market ?? [], seconds };
}
