import { expect } from 'chai';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ObserveTradesResponseCodec } from '../../lib/codecs/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import { CLI_ROUTES, findRoute, kebab, routeHelp, type CliRoute } from '../../lib/cli/stream-command.js';
import { until as poll } from '../support/wait.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'lib/cli/main.ts'];

interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

const linesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Run the command line to its end (a generous timeout only guards against a hang). */
function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, [...CLI, ...args], { cwd: ROOT, timeout: 25_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout: linesOf(stdout), stderr: linesOf(stderr) }),
    ),
  );
}

/** Wait until `condition` holds, polling every 50 ms, failing after a generous 10 s. */
const until = (condition: () => boolean, what: string): Promise<void> => poll(condition, what, 10_000, 50);

/** Command lines started in the background: killed after each test, even one that failed. */
const children = new Set<ChildProcessWithoutNullStreams>();
function start(args: readonly string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** A price:volume level as the book command prints it. */
const price = (level: string): bigint => BigInt(level.split(':')[0] as string);

describe('command line: vega-streams <route> and book', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let marketId: string;

  beforeEach(async () => {
    sim = await Simulator.start({ port: 0, blockMs: 50, seed: 11 });
    marketId = (sim.markets[0] as { id: string }).id;
  });
  afterEach(async () => {
    const exits = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(exits);
    await sim.stop();
  });

  it('`trades --marketIds <id> --count 3` prints 3 decoded lines, exits 0 and closes its socket', async () => {
    const { code, stdout, stderr } = await run(['trades', '--node', sim.url, '--marketIds', marketId, '--count', '3']);
    expect(stderr).to.deep.equal([]);
    expect(code).to.equal(0);
    expect(stdout).to.have.length(3);
    for (const line of stdout) {
      const decoded = ObserveTradesResponseCodec.decode(JSON.parse(line));
      expect(decoded._tag).to.equal('Right');
      for (const trade of (JSON.parse(line) as { trades: { marketId: string }[] }).trades) expect(trade.marketId).to.equal(marketId);
    }
    await until(() => sim.server.subscriptions.size === 0, 'the subscription closed');
  });

  it('kebab-case routes and flags work, and --enum-names writes enums as names', async () => {
    const { code, stdout } = await run(['markets-data', '--node', sim.url, '--market-ids', marketId, '--count', '1', '--enum-names']);
    expect(code).to.equal(0);
    const [data] = (JSON.parse(stdout[0] as string) as { marketData: { marketTradingMode: unknown }[] }).marketData;
    expect(data?.marketTradingMode).to.be.a('string').and.match(/^TRADING_MODE_/);
    const numbers = await run(['marketsData', '--node', sim.url, '--marketIds', marketId, '--count', '1']);
    const [plain] = (JSON.parse(numbers.stdout[0] as string) as { marketData: { marketTradingMode: unknown }[] }).marketData;
    expect(plain?.marketTradingMode).to.be.a('number');
  });

  it('`book <id> --count 2` prints 2 states whose levels are the node\'s book at their sequence numbers', async () => {
    sim.pause();
    const books = new Map<string, { bids: string[]; asks: string[] }>();
    const record = (): void => {
      const depth = sim.node.marketDepth(marketId, 5);
      books.set(depth.sequenceNumber, { bids: depth.buy.map((l) => `${l.price}:${l.volume}`), asks: depth.sell.map((l) => `${l.price}:${l.volume}`) });
    };
    record();
    const child = start(['book', marketId, '--node', sim.url, '--count', '2', '--depth', '5']);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => linesOf(out).length >= 1, 'the first book');
    // Blocks one at a time, each recorded, until the second state arrives.
    await until(() => {
      if (linesOf(out).length < 2) {
        sim.step();
        record();
      }
      return linesOf(out).length >= 2;
    }, 'the second book');
    expect(await exit).to.equal(0);
    const states = linesOf(out).map((line) => JSON.parse(line) as { sequenceNumber: string; bids: string[]; asks: string[]; bestBid: string | null; marketId: string });
    expect(states).to.have.length(2);
    for (const state of states) {
      expect(state.marketId).to.equal(marketId);
      expect(state.bids).to.not.be.empty;
      expect(state.asks).to.not.be.empty;
      const bids = state.bids.map(price);
      const asks = state.asks.map(price);
      expect([...bids].sort((a, b) => (a < b ? 1 : -1))).to.deep.equal(bids);
      expect([...asks].sort((a, b) => (a < b ? -1 : 1))).to.deep.equal(asks);
      expect(state.bestBid).to.equal(state.bids[0]);
      const node = books.get(state.sequenceNumber);
      expect(node, `the node's book at ${state.sequenceNumber}`).to.not.equal(undefined);
      expect({ bids: state.bids, asks: state.asks }).to.deep.equal(node);
    }
    await until(() => sim.server.subscriptions.size === 0, 'the subscriptions closed');
  });

  it('SIGINT and SIGTERM close the socket and exit 0', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = start(['marketsData', '--node', sim.url, '--marketIds', marketId]);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await until(() => linesOf(out).length >= 1, 'a first line');
      child.kill(signal);
      expect(await exit, signal).to.equal(0);
      await until(() => sim.server.subscriptions.size === 0, `the subscription closed after ${signal}`);
    }
  });

  it('an unknown route, a bad id and an unknown flag exit 2 with one line naming the problem', async () => {
    const unknown = await run(['tradez']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.have.length(1);
    expect(unknown.stderr[0]).to.contain('"tradez"');

    const badId = await run(['trades', '--node', sim.url, '--marketIds', 'abc']);
    expect(badId.code).to.equal(2);
    expect(badId.stderr).to.have.length(1);
    expect(badId.stderr[0]).to.contain('marketIds').and.contain('"abc"');

    const badBook = await run(['book', 'abc', '--node', sim.url]);
    expect(badBook.code).to.equal(2);
    expect(badBook.stderr).to.have.length(1);
    expect(badBook.stderr[0]).to.contain('"abc"');

    const flag = await run(['trades', '--node', sim.url, '--bogus', 'x']);
    expect(flag.code).to.equal(2);
    expect(flag.stderr).to.have.length(1);
    expect(flag.stderr[0]).to.contain('--bogus');
    expect(sim.server.subscriptions.size).to.equal(0);
  });

  it('--help works for the command line, every route and book', async () => {
    const top = await run(['--help']);
    expect(top.code).to.equal(0);
    expect(top.stdout.join('\n')).to.contain('marketsDepthUpdates').and.contain('book <marketId>');
    const route = await run(['accounts', '--help']);
    expect(route.code).to.equal(0);
    expect(route.stdout.join('\n')).to.contain('--partyId').and.contain('vega.AccountType').and.contain('--includeDerivedParties');
    const book = await run(['book', '--help']);
    expect(book.code).to.equal(0);
    expect(book.stdout.join('\n')).to.contain('--depth');
  });
});

describe('command line: route help', () => {
  it('lists every filter of every route with its kind', () => {
    for (const route of CLI_ROUTES) {
      const help = routeHelp(route);
      for (const param of route.params) expect(help, route.name).to.contain(`--${param.name} `);
      expect(findRoute(kebab(route.name)), route.name).to.equal(route);
    }
    expect(CLI_ROUTES).to.have.length(15);
    expect(routeHelp(findRoute('event-bus') as CliRoute)).to.contain('--type <enum>').and.contain('BusEventType');
  });
});

describe('command line: an unreachable node', function () {
  this.timeout(60_000);

  /** A port nothing listens on: a simulator's, once stopped. */
  async function deadNode(): Promise<string> {
    const sim = await Simulator.start({ port: 0, blockMs: 1_000 });
    const url = sim.url;
    await sim.stop();
    return url;
  }

  it('with --no-reconnect exits 1 with the connection error', async () => {
    const { code, stdout, stderr } = await run(['trades', '--node', await deadNode(), '--no-reconnect']);
    expect(code).to.equal(1);
    expect(stdout).to.deep.equal([]);
    expect(stderr).to.have.length(1);
    expect(stderr[0]).to.match(/connect/i);
  });

  it('with reconnect and --duration 2 prints each attempt on stderr and exits 0', async () => {
    const { code, stdout, stderr } = await run(['trades', '--node', await deadNode(), '--duration', '2']);
    expect(code).to.equal(0);
    expect(stdout).to.deep.equal([]);
    expect(stderr.length).to.be.greaterThan(0);
    stderr.forEach((line, i) => expect(line).to.match(new RegExp(`^reconnecting in \\d+\\.\\d s \\(attempt ${i + 1}\\): .*connect`, 'i')));
  });
});
