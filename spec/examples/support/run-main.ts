/**
 * Running the main job (`npm start`, i.e. examples/main.ts) from its specs: through tsx directly
 * (to skip npm's own start-up), in the repository root, as a real child process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MarketRow } from '../../../examples/main/market-row.js';
import { until } from '../../support/wait.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The preload that reports calls of `process.exit` on stderr (see exit-probe.ts), relative to {@link ROOT}. */
export const EXIT_PROBE = './spec/examples/support/exit-probe.ts';

/** Node's arguments that run the main job with `args` (with the exit probe preloaded when `probe`). */
export function mainArgv(args: readonly string[], probe = false): string[] {
  return ['--import', 'tsx', ...(probe ? ['--import', EXIT_PROBE] : []), 'examples/main.ts', ...args];
}

/** Run the main job to its end with stdout a pipe: its exit code (1 when killed), stdout and stderr. */
export function runMain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, mainArgv(args), { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** How a child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A running child process whose output is collected as it comes: the main job (see
 * {@link MainProcess.start}) or any command. {@link MainProcess.stop} kills it if it is still
 * running; {@link stopAll} stops every one started, for `afterEach`.
 */
export class MainProcess {
  private static readonly running = new Set<MainProcess>();
  /** Everything written to stdout so far. */
  stdout = '';
  /** Everything written to stderr so far. */
  stderr = '';
  /** How it ended, once it has. */
  exit: Exit | undefined;
  /** Resolves when it has ended (and its output is read). */
  readonly exited: Promise<Exit>;

  private constructor(private readonly child: ChildProcess) {
    MainProcess.running.add(this);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        MainProcess.running.delete(this);
        resolve(this.exit);
      });
    });
  }

  /** Start the main job with `args`, stdout and stderr pipes, stdin /dev/null, the exit probe preloaded. */
  static start(...args: string[]): MainProcess {
    return MainProcess.spawn(process.execPath, mainArgv(args, true));
  }

  /** Start any command in {@link ROOT} (stdin /dev/null). */
  static spawn(command: string, args: readonly string[]): MainProcess {
    return new MainProcess(spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Stop every process started that is still running. */
  static async stopAll(): Promise<void> {
    await Promise.all([...MainProcess.running].map((p) => p.stop()));
  }

  /** The complete stdout lines so far. */
  lines(): string[] {
    const lines = this.stdout.split('\n');
    lines.pop(); // the part after the last newline (usually empty)
    return lines.filter((line) => line !== '');
  }

  /** The complete stdout lines so far, parsed as NDJSON rows (a line that is not JSON throws). */
  rows(): MarketRow[] {
    return this.lines().map((line) => JSON.parse(line) as MarketRow);
  }

  /** Wait until `condition` holds, failing with `what` (and the output so far) after `timeoutMs`, or if the process ends first. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
    try {
      await until(() => condition() || this.exit !== undefined, what, timeoutMs, 20);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.describe()}`);
    }
    if (!condition()) throw new Error(`The process ended while waiting for ${what}\n${this.describe()}`);
  }

  /** Send a signal. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Wait for the end, for at most `timeoutMs` (then fail, leaving the process to {@link stop}). */
  async ended(timeoutMs = 8_000): Promise<Exit> {
    await this.waitFor(() => this.exit !== undefined, 'the process to end', timeoutMs);
    return this.exited;
  }

  /** Kill it (SIGKILL) if it still runs, and wait for its end. */
  async stop(): Promise<void> {
    if (this.exit === undefined) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The exit status and output so far, for failure messages. */
  describe(): string {
    const tail = (text: string): string => (text.length > 2_000 ? `…${text.slice(-2_000)}` : text);
    return `exit: ${JSON.stringify(this.exit)}\nstderr: ${tail(this.stderr)}\nstdout: ${tail(this.stdout)}`;
  }
}

/**
 * A scenario started at once (a spec file starts its slow scenarios, each with a child process,
 * in `before`, and each test awaits its own, so that they overlap). A scenario that fails before
 * its test awaits it is not an unhandled rejection.
 */
export class Background<T> {
  /** Resolves when the scenario has ended, whether it failed or not. */
  readonly settled: Promise<void>;
  private readonly outcome: Promise<{ value: T } | { error: unknown }>;

  constructor(run: () => Promise<T>) {
    this.outcome = run().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    this.settled = this.outcome.then(() => undefined);
  }

  /** The scenario's result, or its error thrown. */
  async result(): Promise<T> {
    const outcome = await this.outcome;
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}

/**
 * What a spec file starts (simulators, relays, background scenarios), for `after`:
 * {@link Stoppables.stopAll} kills every child process still running (so that scenarios waiting
 * on one end quickly), waits for every scenario to settle, then stops every resource, last
 * started first. A resource added after that is stopped at once.
 */
export class Stoppables {
  private readonly started: Array<{ stop(): Promise<void> }> = [];
  private readonly scenarios: Array<Background<unknown>> = [];
  private closed = false;

  /** Remember `resource` to stop it later; returns it. */
  add<T extends { stop(): Promise<void> }>(resource: T): T {
    if (this.closed) {
      void resource.stop();
      throw new Error('started after the end of the spec file');
    }
    this.started.push(resource);
    return resource;
  }

  /** Start `run` in the background (see {@link Background}). */
  background<T>(run: () => Promise<T>): Background<T> {
    const scenario = new Background(run);
    this.scenarios.push(scenario);
    return scenario;
  }

  /** See {@link Stoppables}. Every resource is stopped even if another fails to; the first failure is thrown. */
  async stopAll(): Promise<void> {
    await MainProcess.stopAll();
    await Promise.all(this.scenarios.map((scenario) => scenario.settled));
    this.closed = true;
    await MainProcess.stopAll();
    const errors: unknown[] = [];
    for (const resource of this.started.splice(0).reverse()) {
      await resource.stop().catch((error: unknown) => errors.push(error));
    }
    if (errors.length) throw errors[0];
  }
}
