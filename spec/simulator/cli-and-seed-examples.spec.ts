import { expect } from 'chai';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulator } from '../../lib/simulator/index.js';
import { parseSimulateArgs } from '../../lib/cli/simulate-command.js';
import { UsageError } from '../../lib/cli/usage-error.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('simulator: command line', function () {
  this.timeout(30_000);

  it('`vega-streams simulate` prints the URL and the market ids, serves, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'simulate', '--port', '0', '--block-ms', '50', '--seed', '5'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => out.includes('Ctrl-C') && resolve());
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const url = /websocket: (ws:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).to.be.a('string');
    expect(out.match(/^ {4}[0-9a-f]{64} /gm)).to.have.length(3);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).to.equal(0);
    expect(out).to.contain('stopped: every connection closed');
  });

  it('refuses bad flags with one line', () => {
    expect(() => parseSimulateArgs(['--seed', 'abc'])).to.throw(UsageError, '--seed must be a whole number >= 0, got abc');
    expect(() => parseSimulateArgs(['--bogus'])).to.throw(UsageError, /Unknown option '--bogus'/);
    expect(parseSimulateArgs(['--port', '0', '--markets', '5', '--block-ms', '0'])).to.deep.include({ port: 0, markets: 5, blockMs: 0 });
  });

  it('exits 2 with one line on stderr for a bad flag', async () => {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'simulate', '--markets', '0'], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, stderr }),
      ),
    );
    expect(code).to.equal(2);
    expect(stderr.trim()).to.equal('vega-streams: --markets must be a whole number >= 1, got 0');
  });
});

/** Debian's Python, where `.ci/run` installs python3-websocket (a pyenv `python3` may shadow it on PATH). */
const DEBIAN_PYTHON = '/usr/bin/python3';

/** Run a docs example against a fresh simulator and return its stdout lines. */
async function runExample(command: string, args: readonly string[]): Promise<string[]> {
  const sim = await Simulator.start({ blockMs: 20, seed: 9 });
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(command, [...args, sim.url, '3'], { cwd: ROOT, timeout: 20_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    return stdout.trim().split('\n');
  } finally {
    await sim.stop();
  }
}

describe('simulator: the docs\' seed examples work against it unchanged but for the host', function () {
  this.timeout(30_000);

  it('the Python example with websocket-client (Debian\'s python3-websocket) prints trades frames', async function () {
    // .ci/run installs python3-websocket; on a machine without it this check cannot run (pending).
    if (spawnSync(DEBIAN_PYTHON, ['-c', 'import websocket']).status !== 0) this.skip();
    const lines = await runExample(DEBIAN_PYTHON, ['examples/docs-seed/trades_websocket.py']);
    expect(lines).to.have.length(3);
    for (const line of lines) expect((JSON.parse(line) as { result: { trades: unknown[] } }).result.trades.length).to.be.greaterThan(0);
  });

  it('the Node example with the `websocket` npm package prints trades frames', async () => {
    const lines = await runExample(process.execPath, ['examples/docs-seed/trades-websocket.cjs']);
    expect(lines).to.have.length(3);
    for (const line of lines) expect((JSON.parse(line) as { result: { trades: unknown[] } }).result.trades.length).to.be.greaterThan(0);
  });
});
