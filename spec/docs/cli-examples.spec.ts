/**
 * Every `npx vega-streams …` line of a ```sh block in docs/cli.md is run for real, so the command
 * line examples cannot rot (the ```ts blocks are type-checked by code-blocks.spec.ts).
 *
 * Each line (its `# comment` and a trailing `&` stripped) runs as
 * `node --import tsx lib/cli/main.ts <args>` from the repository root, as spec/cli does, since the
 * package is not installed here. The streaming commands run in parallel against one Simulator this
 * spec starts (port 0, fast blocks), with the doc's placeholders and addresses made real:
 * - `<id>` / `<marketId>` become a simulator market, or a party with live orders after
 *   `--party-ids` / `--party-id`;
 * - every `--node <url>` becomes the simulator's URL, and a command without `--node` (meant for
 *   the `simulate` of the block's first line, on the default ws://127.0.0.1:3008) gets it too;
 * - `simulate` listens on `--port 0` (a free port, read back from its banner) instead of 3008; it
 *   is checked to serve a websocket subscription, then stopped with SIGINT and must exit 0;
 * - a streaming command without `--count` or `--duration` gets `--count 2`: the docs show streams
 *   that run until Ctrl-C, a spec needs them to end by themselves (with exit 0, closing their
 *   sockets), and two lines rather than one show the stream goes on past its first frame (the
 *   orders snapshot and an update, a book and its next state).
 *
 * A line the spec does not know how to run (another program, shell syntax, an unknown command or
 * placeholder) fails the spec, naming the line, so the docs cannot grow an example nothing runs.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { findRoute } from '../../lib/cli/stream-command.js';
import { STREAM_ROUTES } from '../../lib/endpoints/index.js';
import { Simulator } from '../../lib/simulator/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = join('docs', 'cli.md');
const CLI = ['--import', 'tsx', 'lib/cli/main.ts'];
const THIS_SPEC = 'spec/docs/cli-examples.spec.ts';
/** The longest any one command may take before it is killed and its example fails. */
const COMMAND_TIMEOUT_MS = 20_000;

type Kind = 'simulate' | 'book' | 'stream' | 'help';
type Role = 'market' | 'party';
/** An argument as written, or a placeholder and what it stands for. */
type Token = string | { readonly placeholder: string; readonly role: Role };

/** One command line of a shell block. */
interface DocCommand {
  /** Line in the page, from 1. */
  readonly line: number;
  /** The command as written, without its comment and trailing `&`. */
  readonly text: string;
  readonly kind: Kind;
  /** The arguments after `npx vega-streams`. */
  readonly args: readonly Token[];
}

/** The shell blocks of a page: their commands, and what the spec cannot run. */
interface ParsedPage {
  readonly blocks: number;
  readonly commands: readonly DocCommand[];
  readonly problems: readonly string[];
}

const SHELL_FENCE = /^```(sh|bash|shell|zsh|console)\s*$/;
const PLACEHOLDER = /^<([A-Za-z]+)>$/;
/** Shell syntax this spec does not interpret (pipes, redirections, quoting, expansions…). */
const SHELL_SYNTAX = /[|;&<>$`'"(){}*?\\]/;
const ENUM_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** What a placeholder stands for, from the flag before it; undefined when the spec cannot tell. */
function placeholderRole(name: string, previous: string | undefined, kind: Kind): Role | undefined {
  const flag = previous?.startsWith('--') ? camel(previous.slice(2)) : undefined;
  if (flag === 'partyIds' || flag === 'partyId') return 'party';
  if (flag === 'marketIds' || flag === 'marketId') return 'market';
  if (flag === undefined && kind === 'book' && (name === 'marketId' || name === 'id')) return 'market';
  return undefined;
}

/** The command lines of every shell block of `markdown`, read as `page`. */
function parseShellBlocks(markdown: string, page: string): ParsedPage {
  const lines = markdown.split('\n');
  const commands: DocCommand[] = [];
  const problems: string[] = [];
  let blocks = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!SHELL_FENCE.test(lines[i] ?? '')) continue;
    blocks++;
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) {
      const line = i + 1;
      let raw = lines[i] ?? '';
      while (raw.endsWith('\\') && i + 1 < lines.length) raw = `${raw.slice(0, -1)} ${lines[++i] ?? ''}`;
      const text = raw
        .replace(/(^|\s)#.*$/, '')
        .trim()
        .replace(/^\$\s+/, '')
        .replace(/\s*(?<!&)&$/, '');
      if (text === '') continue;
      const at = `${page}:${line}: \`${text}\``;
      const words = text.split(/\s+/);
      if (words[0] !== 'npx' || words[1] !== 'vega-streams') {
        problems.push(`${at} is not an \`npx vega-streams …\` command, the only kind ${THIS_SPEC} runs: teach it to run this one, or move it out of the shell block`);
        continue;
      }
      const words2 = words.slice(2);
      const [command] = words2;
      const kind: Kind | undefined = words2.some((w) => w === '--help' || w === '-h')
        ? 'help'
        : command === 'simulate'
          ? 'simulate'
          : command === 'book'
            ? 'book'
            : command !== undefined && !command.startsWith('-') && findRoute(command)
              ? 'stream'
              : undefined;
      if (kind === undefined) {
        problems.push(`${at}: ${THIS_SPEC} does not know how to run "${command ?? ''}" (it runs simulate, book, the routes and --help): teach it`);
        continue;
      }
      const args: Token[] = [];
      const bad: string[] = [];
      words2.forEach((word, index) => {
        const placeholder = PLACEHOLDER.exec(word);
        if (placeholder) {
          const role = placeholderRole(placeholder[1] as string, words2[index - 1], kind);
          if (role) args.push({ placeholder: word, role });
          else bad.push(`the placeholder ${word} (only a market id, a book's <marketId> or a party id after --party-ids is substituted)`);
        } else if (SHELL_SYNTAX.test(word)) {
          bad.push(`the shell syntax in "${word}"`);
        } else {
          args.push(word);
        }
      });
      if (bad.length) problems.push(`${at}: ${THIS_SPEC} cannot run ${bad.join(', ')}: teach it, or write the example without`);
      else commands.push({ line, text, kind, args });
    }
  }
  return { blocks, commands, problems };
}

/** The value of `--name v` or `--name=v`, if given. */
function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i]?.startsWith(`--${name}=`)) return args[i]?.slice(name.length + 3);
  }
  return undefined;
}

/** What the placeholders and addresses become. */
interface Substitutions {
  readonly node: string;
  readonly market: string;
  readonly party: string;
}

/** The command's arguments as run: placeholders, `--node` and `--port` made real, `--count 2` added. */
function argvFor(command: DocCommand, s: Substitutions): string[] {
  const replace = (args: readonly Token[], flag: string, value: string): string[] =>
    args.map((token, i) => {
      if (typeof token !== 'string') return token.role === 'market' ? s.market : s.party;
      if (args[i - 1] === `--${flag}`) return value;
      return token.startsWith(`--${flag}=`) ? `--${flag}=${value}` : token;
    });
  if (command.kind === 'simulate') {
    const argv = replace(command.args, 'port', '0');
    return flagValue(argv, 'port') === undefined ? [...argv, '--port', '0'] : argv;
  }
  const argv = replace(command.args, 'node', s.node);
  if (command.kind === 'help') return argv;
  if (flagValue(argv, 'node') === undefined) argv.push('--node', s.node);
  if (flagValue(argv, 'count') === undefined && flagValue(argv, 'duration') === undefined) argv.push('--count', '2');
  return argv;
}

/** A running command line. */
interface Launched {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when the process has exited and its output is read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** What a command did. */
interface Execution {
  readonly argv: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Why the run went wrong before its exit (a timeout, no subscription frame…). */
  readonly problem?: string;
  /** simulate: the first frame a websocket subscription received. */
  readonly frame?: string;
}

const linesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Resolve with `promise`, or reject naming `what` after `ms` (the timer never outlives it). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first text frame of a websocket subscription, the socket closed again. */
async function firstFrame(url: string): Promise<string> {
  const socket = new WebSocket(url);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  try {
    return await within(
      new Promise<string>((resolve, reject) => {
        socket.on('message', (data) => resolve(String(data)));
        socket.on('error', reject);
        socket.on('close', (code) => reject(new Error(`closed (${code}) before a frame`)));
      }),
      COMMAND_TIMEOUT_MS,
      `a frame on ${url}`,
    );
  } finally {
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    await closed;
  }
}

describe('docs: every command line example of docs/cli.md runs', function () {
  this.timeout(60_000);
  const page = parseShellBlocks(readFileSync(join(ROOT, PAGE), 'utf8'), PAGE);
  const children = new Set<Launched>();
  const runs = new Map<DocCommand, Promise<Execution>>();
  let sim: Simulator;
  let subs: Substitutions;

  function launch(argv: readonly string[]): Launched {
    const child = spawn(process.execPath, [...CLI, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const launched: Launched = {
      child,
      stdout: () => out,
      stderr: () => err,
      closed: new Promise((resolve) =>
        child.on('close', (code, signal) => {
          children.delete(launched);
          resolve({ code, signal });
        }),
      ),
    };
    children.add(launched);
    return launched;
  }

  /** Run a command to its end: exit, or killed after the timeout. Never rejects. */
  async function execute(command: DocCommand): Promise<Execution> {
    const argv = argvFor(command, subs);
    const run = launch(argv);
    let problem: string | undefined;
    let frame: string | undefined;
    try {
      if (command.kind === 'simulate') {
        const banner = /websocket: (ws:\/\/\S+)\/api\/v2\/stream\//;
        await within(
          new Promise<void>((resolve, reject) => {
            const check = (): void => void (banner.test(run.stdout()) && resolve());
            run.child.stdout?.on('data', check);
            void run.closed.then(() => reject(new Error('simulate exited before printing its websocket address')));
            check();
          }),
          COMMAND_TIMEOUT_MS,
          'the simulator banner',
        );
        const base = banner.exec(run.stdout())?.[1] as string;
        frame = await firstFrame(`${base}${STREAM_ROUTES.trades.path}`);
        run.child.kill('SIGINT');
      }
      await within(run.closed, COMMAND_TIMEOUT_MS, 'the command to exit');
    } catch (error) {
      problem = (error as Error).message;
      run.child.kill('SIGKILL');
    }
    const { code, signal } = await run.closed;
    return { argv, code, signal, stdout: linesOf(run.stdout()), stderr: linesOf(run.stderr()), ...(problem && { problem }), ...(frame && { frame }) };
  }

  before(async () => {
    sim = await Simulator.start({ port: 0, blockMs: 50 });
    const liveOrders = new Map<string, number>();
    for (const order of sim.node.liveOrders()) liveOrders.set(order.partyId, (liveOrders.get(order.partyId) ?? 0) + 1);
    const [party] = [...liveOrders].sort((a, b) => b[1] - a[1]);
    expect(party, 'a party with live orders in the simulator').to.not.equal(undefined);
    subs = { node: sim.url, market: (sim.markets[0] as { id: string }).id, party: (party as [string, number])[0] };
    // Every command at once: the runtime is that of the slowest, not the sum.
    for (const command of page.commands) runs.set(command, execute(command));
  });

  after(async () => {
    for (const run of children) run.child.kill('SIGKILL');
    await Promise.all([...children].map((run) => run.closed));
    await sim?.stop();
  });

  it('has a shell block whose every line is a command this spec runs', () => {
    expect(page.blocks, `no \`\`\`sh block found in ${PAGE}`).to.be.greaterThan(0);
    expect(page.problems, 'lines no spec runs').to.deep.equal([]);
    const kinds = new Set(page.commands.map((command) => command.kind));
    for (const kind of ['simulate', 'stream', 'book'] as const) {
      expect(kinds.has(kind), `no \`npx vega-streams\` ${kind} example found in the shell blocks of ${PAGE}`).to.equal(true);
    }
  });

  it('refuses a line it cannot run, naming it', () => {
    const { commands, problems } = parseShellBlocks(
      ['```sh', 'npx vega-streams trades --count 1 | jq .', 'npx vega-streams replay x.jsonl', 'npx vega-streams votes --proposal-id <id>', 'curl http://localhost', 'npx vega-streams book <marketId> # fine', '```'].join('\n'),
      'x.md',
    );
    expect(commands.map((c) => c.text)).to.deep.equal(['npx vega-streams book <marketId>']);
    expect(problems).to.have.length(4);
    expect(problems[0]).to.contain('x.md:2').and.contain('shell syntax');
    expect(problems[1]).to.contain('x.md:3').and.contain('"replay"');
    expect(problems[2]).to.contain('x.md:4').and.contain('<id>');
    expect(problems[3]).to.contain('x.md:5').and.contain('not an `npx vega-streams');
    expect(parseShellBlocks('no block here', 'x.md').blocks).to.equal(0);
  });

  for (const command of page.commands) {
    it(`${PAGE}:${command.line} \`${command.text}\``, async () => {
      const run = await (runs.get(command) as Promise<Execution>);
      const what = `vega-streams ${run.argv.join(' ')}\nstdout:\n${run.stdout.join('\n').slice(0, 2_000)}\nstderr:\n${run.stderr.join('\n')}\n`;
      expect(run.problem, what).to.equal(undefined);
      expect(run.stderr, what).to.deep.equal([]);
      expect(run.code, what).to.equal(0);
      if (command.kind === 'help') {
        expect(run.stdout[0], what).to.match(/^Usage: vega-streams/);
        return;
      }
      if (command.kind === 'simulate') {
        const frame = JSON.parse(run.frame as string) as { result?: { trades?: unknown } };
        expect(frame.result?.trades, `a trades frame from the simulate command: ${run.frame}`).to.be.an('array');
        expect(run.stdout, what).to.include('Press Ctrl-C to stop.');
        expect(run.stdout.at(-1), what).to.equal('stopped: every connection closed');
        return;
      }
      const count = flagValue(run.argv, 'count');
      if (count !== undefined) expect(run.stdout, what).to.have.length(Number(count));
      else expect(run.stdout, what).to.not.be.empty;
      const values = run.stdout.map((line, i) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new Error(`stdout line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
        }
      });
      const given = (role: Role): boolean => command.args.some((token) => typeof token !== 'string' && token.role === role);
      for (const [i, value] of values.entries()) {
        const line = `line ${i + 1}: ${(run.stdout[i] as string).slice(0, 300)}`;
        if (command.kind === 'book') {
          const book = value as { marketId?: unknown; sequenceNumber?: unknown; bids?: unknown; asks?: unknown };
          expect(book.marketId, line).to.equal(subs.market);
          expect(book.sequenceNumber, line).to.be.a('string');
          const depth = Number(flagValue(run.argv, 'depth') ?? 10);
          for (const side of [book.bids, book.asks]) {
            expect(side, line).to.be.an('array').with.length.within(1, depth);
            for (const level of side as unknown[]) expect(level, line).to.be.a('string').and.match(/^\d+:\d+$/);
          }
        } else {
          const name = findRoute(run.argv[0] as string)?.name as keyof typeof STREAM_ROUTES;
          const decoded = STREAM_ROUTES[name].codec.decode(value);
          expect(decoded._tag, `a ${name} response: ${line}`).to.equal('Right');
        }
        // The substituted ids filtered the stream: every id field of the output is one of them.
        for (const [key, id] of fieldsOf(value)) {
          const marketKey = key === 'marketId' || (key === 'market' && typeof id === 'string' && /^[0-9a-f]{64}$/.test(id));
          if (marketKey && given('market')) expect(id, `${key} of ${line}`).to.equal(subs.market);
          if (key === 'partyId' && given('party')) expect(id, `${key} of ${line}`).to.equal(subs.party);
        }
      }
      if (run.argv.includes('--enum-names')) {
        const names = values.flatMap((value) => fieldsOf(value).map(([, v]) => v)).filter((v) => typeof v === 'string' && ENUM_NAME.test(v));
        expect(names, `enums written as names (e.g. "TRADING_MODE_CONTINUOUS") in ${what}`).to.not.be.empty;
      }
    });
  }
});

/** Every [key, value] of the scalar fields of a JSON value, at any depth. */
function fieldsOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap(fieldsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (v !== null && typeof v === 'object' ? fieldsOf(v) : [[key, v] as [string, unknown]]));
}
