// Starting and driving a simulator child process that shows its books (bench/support/book-simulator-process.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions } from '../../lib/simulator/index.js';
import { ask, nextMessage } from './ipc.js';

/** The book simulator child's first message: where it listens and its market ids. */
export interface BookSimulatorReady {
  readonly type: 'ready';
  /** `ws://127.0.0.1:port`. */
  readonly url: string;
  /** The market ids, in the simulator's order. */
  readonly markets: readonly string[];
}

/** Asks the child for a market's current book. */
export interface DepthRequest {
  readonly type: 'depth';
  /** The market. */
  readonly marketId: string;
}

/** The child's answer to a {@link DepthRequest}: the data node's authoritative book now. */
export interface NodeDepth {
  readonly type: 'depth';
  /** The market. */
  readonly marketId: string;
  /** The sequence number the book is at. */
  readonly sequenceNumber: string;
  /** Bids as `price:volume:orders`, best first (see book-levels.ts). */
  readonly bids: readonly string[];
  /** Asks as `price:volume:orders`, best first. */
  readonly asks: readonly string[];
}

/** A running book simulator child. */
export interface BookSimulator {
  /** `ws://127.0.0.1:port`. */
  readonly url: string;
  /** The market ids. */
  readonly markets: readonly string[];
  /** The data node's current book of a market (one request at a time). */
  depth(marketId: string): Promise<NodeDepth>;
  /** Stop it (every connection dropped) and wait for the process to exit. */
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./book-simulator-process.ts', import.meta.url));

/**
 * Start a simulator in a child process (node --import tsx) with these options, on 127.0.0.1
 * whatever `host` says. The child is killed when this process exits normally, and leaves by
 * itself when its IPC channel closes (this process killed).
 */
export async function startBookSimulator(options: SimulatorOptions): Promise<BookSimulator> {
  const child: ChildProcess = fork(ENTRY, [JSON.stringify({ ...options, host: '127.0.0.1' })], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const killOnExit = (): void => {
    if (alive()) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  let ready: BookSimulatorReady;
  try {
    ready = await nextMessage<BookSimulatorReady>(child, 'ready');
  } catch (error) {
    killOnExit();
    throw error;
  }
  return {
    url: ready.url,
    markets: ready.markets,
    depth: (marketId) => {
      const request: DepthRequest = { type: 'depth', marketId };
      return ask<NodeDepth>(child, request, 'depth', 10_000);
    },
    async stop() {
      if (alive() && child.connected) {
        const stopped = nextMessage(child, 'stopped', 10_000).catch(killOnExit);
        child.send({ type: 'stop' });
        await stopped;
      }
      const timer = setTimeout(killOnExit, 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
