import { expect } from 'chai';
import { Simulator } from '../../lib/simulator/index.js';
import type { MarketRow } from '../../examples/main/market-row.js';
import { marketInfo } from '../../examples/main/markets.js';
import { MainProcess, Stoppables, type Background } from './support/run-main.js';
import { closedPort, WsRelay } from './support/ws-relay.js';

const TRADES_PATH = '/api/v2/stream/trades';
const RECONNECTING = /^reconnecting in \d+\.\d s$/;

const connected = (row: MarketRow): boolean => row.status.book === 'connected' && row.status.trades === 'connected';

/**
 * The connection status of every stream, as the NDJSON rows show it (`status` of each row): the
 * main job as a real child process against simulators on 127.0.0.1, with faults injected by the
 * simulator and by a relay in front of it. Blocks are 500 ms apart, as the job expects of a node.
 */
describe('main job: the connection status through a reconnect, a resync and a failover', function () {
  this.timeout(20_000);
  const resources = new Stoppables();
  let reconnect: Background<void>;
  let failover: Background<void>;

  /** A simulator of its own for one scenario (blocks 500 ms apart). */
  async function simulator(): Promise<Simulator> {
    return resources.add(await Simulator.start({ blockMs: 500, port: 0 }));
  }

  before(() => {
    reconnect = resources.background(reconnectAndResync);
    failover = resources.background(failOver);
  });

  after(async () => {
    await resources.stopAll();
  });

  it('shows the trades stream "reconnecting in N.N s" while it cannot reconnect, "connected" once it has, and a book "resynced" after a sequence gap', async () => {
    await reconnect.result();
  });

  it('with --node <refusing node> --node <node>: lists the markets and streams from the second node, showing the refused stream reconnecting until it delivers', async () => {
    await failover.result();
  });

  /** The trades socket dropped and refused for a while, then a sequence gap in one market's book. */
  async function reconnectAndResync(): Promise<void> {
    const node = await simulator();
    const through = resources.add(await WsRelay.start(node.url));
    const job = resources.add(MainProcess.start('--node', through.url));
    const rowsAfter = (start: number): MarketRow[] => job.rows().slice(start);
    await job.waitFor(() => job.rows().some(connected), 'a row with both streams connected');

    // The trades socket drops (1006) and every new one is refused until we let it through.
    through.refuse = (target) => target.startsWith(TRADES_PATH);
    let start = job.rows().length;
    expect(node.dropConnections((subscription) => subscription.path === TRADES_PATH), 'trades subscriptions dropped').to.equal(1);
    await job.waitFor(() => rowsAfter(start).some((row) => RECONNECTING.test(row.status.trades)), 'a row with the trades stream reconnecting');
    for (const row of rowsAfter(start)) expect(row.status.book, 'the books are not affected').to.equal('connected');

    through.refuse = () => false;
    start = job.rows().length;
    await job.waitFor(() => rowsAfter(start).some(connected), 'a row with the trades stream connected again');
    const trades = through.websockets.filter((c) => c.target.startsWith(TRADES_PATH));
    expect(trades.map((c) => c.ended), 'the dropped trades socket and its replacement').to.deep.equal([true, false]);

    const market = node.markets[0]!.id;
    start = job.rows().length;
    node.injectSequenceGap(market);
    await job.waitFor(() => rowsAfter(start).some((row) => row.market === market && row.status.book === 'resynced'), `a row of ${market} with its book resynced`);
    const resyncedAt = start + rowsAfter(start).findIndex((row) => row.market === market && row.status.book === 'resynced');
    await job.waitFor(() => rowsAfter(resyncedAt + 1).some((row) => row.market === market && connected(row)), `a later row of ${market} connected`);
    for (const row of job.rows()) {
      if (row.market !== market) expect(row.status.book, 'the other books are not resynced').to.not.equal('resynced');
    }
    expect(job.stderr).to.equal('');
  }

  /** The first node refuses (nothing listens): the job lists the markets of the second and streams from it. */
  async function failOver(): Promise<void> {
    const node = await simulator();
    const dead = `ws://127.0.0.1:${await closedPort()}`;
    node.pause(); // no block, so no trade: the trades stream cannot be confirmed connected yet
    const job = resources.add(MainProcess.start('--node', dead, '--node', node.url));
    const names = new Map(node.markets.map((market) => [market.id, marketInfo(market).name]));
    await job.waitFor(() => new Set(job.rows().map((row) => row.market)).size === names.size, 'a row (its full book) of every market');
    for (const row of job.rows()) {
      expect(row.name, 'the name the second node listed').to.equal(names.get(row.market));
      expect(row.bestBid, 'a book from the second node').to.be.a('string');
      expect(row.status.trades).to.match(RECONNECTING);
    }

    node.resume();
    const start = job.rows().length;
    await job.waitFor(() => {
      const later = job.rows().slice(start);
      return [...names.keys()].every((id) => later.some((row) => row.market === id && connected(row)));
    }, 'a row of every market with both streams connected');
    expect(job.stderr).to.equal('');
  }
});
