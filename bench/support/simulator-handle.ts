// Starting and driving a simulator child process (bench/support/simulator-process.ts).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions } from '../../lib/simulator/index.js';
import { ask, nextMessage } from './ipc.js';

/** The simulator child's first message: where it listens and its market ids. */
export interface SimulatorReady {
  readonly type: 'ready';
  /** `ws://host:port`. */
  readonly url: string;
  /** The market ids, in the simulator's order. */
  readonly markets: readonly string[];
}

/** The simulator child's answer to `count`. */
export interface SimulatorCount {
  readonly type: 'count';
  /** Live subscriptions on its server. */
  readonly subscriptions: number;
  /** CPU time (user + system) of the child so far, ms. */
  readonly cpuMs: number;
}

/** A running simulator child. */
export interface SimulatorHandle {
  /** `ws://host:port`. */
  readonly url: string;
  /** The market ids. */
  readonly markets: readonly string[];
  /** Its live subscription count and CPU time. */
  count(): Promise<SimulatorCount>;
  /** Stop it (every connection dropped) and wait for the process to exit. */
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));

/** Start a simulator in a child process (node --import tsx) with these options. */
export async function startSimulatorProcess(options: SimulatorOptions): Promise<SimulatorHandle> {
  const child = fork(ENTRY, [JSON.stringify(options)], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await nextMessage<SimulatorReady>(child, 'ready');
  return {
    url: ready.url,
    markets: ready.markets,
    count: () => ask<SimulatorCount>(child, { type: 'count' }, 'count'),
    async stop() {
      if (child.exitCode === null && child.connected) {
        const stopped = nextMessage(child, 'stopped', 10_000).catch(() => child.kill('SIGKILL'));
        child.send({ type: 'stop' });
        await stopped;
      }
      await exited;
    },
  };
}
