import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { compareDecimal } from '../../lib/decimals/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { marketInfo, unknownMarket } from '../../examples/main/markets.js';
import { bookStream, TRADES_STREAM } from '../../examples/main/pipeline.js';
import { CLEAR } from '../../examples/main/view.js';
import { MainProcess, mainArgv, Stoppables } from './support/run-main.js';
import { closedPort } from './support/ws-relay.js';

/** A command line for `sh -c`, every word quoted. */
function shellCommand(words: readonly string[]): string {
  return words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
}

/**
 * Start the main job under a pseudo-terminal: util-linux `script` runs it with a pty as its
 * stdout (`-q` no banner, `-f` flush at once, `-e` its exit code, `-c` the command) and copies
 * what it writes to our pipe.
 */
function startOnTerminal(...args: string[]): MainProcess {
  return MainProcess.spawn('script', ['-qfec', shellCommand([process.execPath, ...mainArgv(args)]), '/dev/null']);
}

/** The tables the job drew, in order (the text after each clear-screen), with the terminal's CRLF made LF. */
function tables(output: string): string[] {
  return output.replaceAll('\r\n', '\n').split(CLEAR).slice(1);
}

/** A decimal number as the table prints it. */
const NUMBER = String.raw`\d+(?:\.\d+)?`;

describe('main job on a terminal: the table redrawn in place, with the status of every stream', function () {
  this.timeout(20_000);
  const MARKET = 'ab'.repeat(32);
  const resources = new Stoppables();
  let sim: Simulator | undefined;
  let port = 0;
  let live: MainProcess | undefined;
  let refused: MainProcess | undefined;

  // Both runs at once (a few seconds each); the tests below read what they wrote.
  before(async () => {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(`these specs need util-linux's \`script\` (to run the job on a pseudo-terminal): install bsdutils (Debian) or util-linux. ${probe.error?.message ?? probe.stderr}`);
    }
    sim = resources.add(await Simulator.start({ blockMs: 200, port: 0 }));
    port = await closedPort();
    live = resources.add(startOnTerminal('--node', sim.url, '--seconds', '3'));
    refused = resources.add(startOnTerminal('--node', `ws://127.0.0.1:${port}`, '--market', MARKET, '--seconds', '2'));
    await Promise.all([live.ended(15_000), refused.ended(15_000)]);
  });

  after(async () => {
    await resources.stopAll();
  });

  it('against a node: redraws the title, the header, a row per market with bid < ask, every stream connected, and ends with "stopped: every socket closed" and code 0', () => {
    const job = live!;
    expect(job.exit, job.describe()).to.deep.equal({ code: 0, signal: null });
    const drawn = tables(job.stdout);
    expect(drawn.length, `tables drawn\n${job.describe()}`).to.be.at.least(2);
    const names = sim!.markets.map((market) => marketInfo(market).name);
    const title = `${names.length} market(s) from ${sim!.url}`;
    for (const table of drawn) {
      const lines = table.split('\n');
      expect(lines[0]).to.equal(title);
      expect(lines[2]).to.match(/^market\s+bid\s+ask\s+spread\s+mid\s+last\s+volume\s+sequence$/);
    }
    const last = drawn.at(-1)!;
    for (const name of names) {
      const row = last.split('\n').find((line) => line.startsWith(`${name} `));
      expect(row, `the row of ${name} in\n${last}`).to.not.equal(undefined);
      const [, bid, ask] = row!.match(new RegExp(String.raw`^\S+\s+(${NUMBER})\s+(${NUMBER})\s`)) ?? [];
      expect(bid, `bid and ask in ${row}`).to.be.a('string');
      expect(compareDecimal(bid!, ask!), `bid ${bid} < ask ${ask}`).to.be.lessThan(0);
    }
    const status = last.split('\n').find((line) => line.includes(`${TRADES_STREAM}: `));
    expect(status, `the status line in\n${last}`).to.be.a('string');
    const streams = [...sim!.markets.map((market) => bookStream(marketInfo(market))), TRADES_STREAM];
    expect(status!.split('  |  ').sort()).to.deep.equal(streams.map((stream) => `${stream}: connected`).sort());
    expect(last).to.match(/\n\(Ctrl-C to stop\)\nstopped: every socket closed\n$/);
  });

  it('against a node that refuses: the table and the status (reconnecting in N.N s) show before anything connects', () => {
    const job = refused!;
    expect(job.exit, job.describe()).to.deep.equal({ code: 0, signal: null });
    const drawn = tables(job.stdout);
    expect(drawn.length, `tables drawn\n${job.describe()}`).to.be.at.least(2);
    const last = drawn.at(-1)!;
    const lines = last.split('\n');
    expect(lines[0]).to.equal(`1 market(s) from ws://127.0.0.1:${port}`);
    expect(lines[2]).to.match(/^market\s+bid\s+ask/);
    const status = lines.find((line) => line.includes(`${TRADES_STREAM}: `));
    expect(status, `the status line in\n${last}`).to.be.a('string');
    const streams = [bookStream(unknownMarket(MARKET)), TRADES_STREAM];
    const shown = status!.split('  |  ').map((part) => part.replace(/ reconnecting in \d+\.\d s$/, ' reconnecting in N.N s'));
    expect(shown.sort()).to.deep.equal(streams.map((stream) => `${stream}: reconnecting in N.N s`).sort());
    expect(last.endsWith('stopped: every socket closed\n')).to.equal(true);
  });
});
