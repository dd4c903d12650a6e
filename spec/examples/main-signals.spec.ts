import { expect } from 'chai';
import { Simulator } from '../../lib/simulator/index.js';
import { until } from '../support/wait.js';
import { MainProcess, Stoppables, type Background } from './support/run-main.js';
import { WsRelay } from './support/ws-relay.js';

/**
 * "Ctrl-C closes every socket and exits 0": the main job as a real child process (stdout a
 * pipe, so NDJSON), streaming from a simulator through a relay that sees the close frames the job
 * sends. The job runs with the exit probe preloaded, so an empty stderr also means it ended by
 * itself, without its 2 s safety `process.exit`. Each scenario has its own simulator and relay;
 * they all start in `before` and overlap, and each test awaits and checks its own.
 */
describe('main job: Ctrl-C and SIGTERM', function () {
  this.timeout(15_000);
  const resources = new Stoppables();
  const streaming = new Map<NodeJS.Signals, Background<void>>();
  let listing: Background<void>;
  let embedded: Background<void>;

  /** Stream from a simulator through a relay, then send `signal`: the job closes every socket (1000) and ends by itself with 0. */
  async function signalWhileStreaming(signal: NodeJS.Signals): Promise<void> {
    const node = resources.add(await Simulator.start({ blockMs: 100, port: 0 }));
    const through = resources.add(await WsRelay.start(node.url));
    const job = resources.add(MainProcess.start('--node', through.url));
    const streams = node.markets.length + 1; // a book per market and the shared trades stream
    await job.waitFor(() => job.lines().length >= 3, 'NDJSON lines');
    await job.waitFor(
      () => through.websockets.filter((c) => !c.ended).length === streams && node.server.subscriptions.size === streams,
      `${streams} open websockets`,
    );

    job.kill(signal);
    const exit = await job.ended();

    expect(exit, job.describe()).to.deep.equal({ code: 0, signal: null });
    expect(job.stderr).to.equal('');
    expect(job.stdout.endsWith('\n'), 'stdout ends with a whole line').to.equal(true);
    for (const row of job.rows()) expect(row.market).to.match(/^[0-9a-f]{64}$/);
    // The relay may read the job's last bytes after the job has ended: wait for every connection to end.
    await until(() => through.connections.every((c) => c.ended), 'every connection through the relay to end');
    const sockets = through.websockets;
    expect(sockets).to.have.length(streams); // no reconnect happened
    expect(sockets.map((c) => c.closeCodes), 'the close frames the job sent on each websocket').to.deep.equal(sockets.map(() => [1000]));
    await until(() => node.server.subscriptions.size === 0, 'the simulator to see every subscription closed');
  }

  /** Ctrl-C while the node holds the request for the market list: the request is cancelled and the job ends by itself with 0. */
  async function signalWhileListing(): Promise<void> {
    const node = resources.add(await Simulator.start({ blockMs: 100, port: 0 }));
    const through = resources.add(await WsRelay.start(node.url));
    through.hold = (target) => target.startsWith('/api/v2/markets');
    const job = resources.add(MainProcess.start('--node', through.url));
    await job.waitFor(() => through.connections.some((c) => c.fate === 'held'), 'the request for the market list');

    job.kill('SIGINT');
    const exit = await job.ended();

    expect(exit, job.describe()).to.deep.equal({ code: 0, signal: null });
    expect(job.stderr).to.equal('');
    expect(job.stdout).to.equal('');
    await until(() => through.connections.every((c) => c.ended), 'the job to close its request for the market list');
    expect(through.websockets, 'websockets opened').to.be.empty;
  }

  /** Ctrl-C with the embedded simulator: the job stops it and ends by itself with 0. */
  async function signalEmbedded(): Promise<void> {
    const job = resources.add(MainProcess.start());
    await job.waitFor(() => job.lines().length >= 3, 'NDJSON lines');

    job.kill('SIGINT');
    const exit = await job.ended();

    expect(exit, job.describe()).to.deep.equal({ code: 0, signal: null });
    expect(job.stderr).to.equal('');
    expect(job.rows().length).to.be.at.least(3);
  }

  before(() => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) streaming.set(signal, resources.background(() => signalWhileStreaming(signal)));
    listing = resources.background(signalWhileListing);
    embedded = resources.background(signalEmbedded);
  });

  after(async () => {
    await resources.stopAll();
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while streaming: every socket gets a close frame 1000 from the job, which then ends by itself with code 0`, async () => {
      await streaming.get(signal)!.result();
    });
  }

  it('SIGINT while the markets are being listed (the node does not answer): the request is cancelled and the job ends by itself with code 0', async () => {
    await listing.result();
  });

  it('SIGINT with the embedded simulated node: the job stops its simulator and ends by itself with code 0', async () => {
    await embedded.result();
  });
});
