import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { createClient, type VegaClient } from '../../../lib/index.js';
import {
  ACCOUNTS,
  ORDERS,
  POSITIONS,
  accumulateAccounts,
  accumulateOrders,
  accumulatePositions,
  type RetryStatus,
  type SnapshotState,
} from '../../../lib/operators/index.js';
import { Simulator } from '../../../lib/simulator/index.js';
import { byKey } from '../../support/state-comparison.js';
import { until } from '../../support/wait.js';


describe('orders, positions and accounts state against the simulator over real sockets', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let vega: VegaClient;
  const subscriptions: Subscription[] = [];

  before(async () => {
    sim = await Simulator.start({ seed: 5, blockMs: 5, ordersPerBlock: 20 });
    vega = createClient({ nodes: [sim.url], pingIntervalMs: 100, pongTimeoutMs: 200 });
  });

  after(async () => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    await sim.stop();
  });

  it('equals the node after reconnects: drops, a stalled socket, and a drop right after a reconnect', async () => {
    const party = sim.node.partyIds()[0] as string;
    const statuses: RetryStatus[] = [];
    const errors: unknown[] = [];
    const retry = { initialMs: 10, maxMs: 100, status: (s: RetryStatus) => statuses.push(s), nodes: vega };
    const latest: { orders?: SnapshotState<unknown>; positions?: SnapshotState<unknown>; accounts?: SnapshotState<unknown> } = {};
    const resyncs = { orders: 0, positions: 0, accounts: 0 };
    const keep = (name: keyof typeof latest) => ({
      next: (state: SnapshotState<unknown>) => {
        latest[name] = state;
        if (state.resync) resyncs[name]++;
      },
      error: (error: unknown) => errors.push(error),
    });
    subscriptions.push(
      vega.orders().pipe(accumulateOrders({ quietMs: 30, retry })).subscribe(keep('orders')),
      vega.positions().pipe(accumulatePositions({ quietMs: 30, retry })).subscribe(keep('positions')),
      vega.accounts({ partyId: party }).pipe(accumulateAccounts({ quietMs: 30, retry })).subscribe(keep('accounts')),
    );
    const height = () => sim.node.lastBlock?.height ?? 0n;
    const blocks = async (count: number) => {
      const target = height() + BigInt(count);
      await until(() => height() >= target, `${count} blocks`, 20_000);
    };
    await until(() => latest.orders !== undefined && latest.positions !== undefined && latest.accounts !== undefined, 'the three snapshots', 10_000);
    await blocks(100);

    expect(sim.dropConnections((s) => s.path.endsWith('/orders') || s.path.endsWith('/positions'))).to.equal(2);
    await blocks(100);
    expect(sim.stallConnections((s) => s.path.endsWith('/accounts'))).to.equal(1);
    await until(() => statuses.some((s) => s.type === 'retrying' && (s.error as Error).name === 'StaleStreamError'), 'the stale check', 10_000);
    await blocks(100);
    // Drop the orders stream again as soon as it is back (its snapshot has more than one page).
    expect(sim.node.liveOrders().length).to.be.greaterThan(50);
    expect(sim.dropConnections((s) => s.path.endsWith('/orders'))).to.equal(1);
    await until(() => [...sim.server.subscriptions.values()].some((s) => s.path.endsWith('/orders')), 'the orders stream back');
    expect(sim.dropConnections((s) => s.path.endsWith('/orders'))).to.equal(1);
    await blocks(200);

    sim.pause();
    const truth = () => ({
      orders: byKey(sim.node.liveOrders(), ORDERS.key),
      positions: byKey(sim.node.positions(), POSITIONS.key),
      accounts: byKey(sim.node.accountBalances({ partyId: party }), ACCOUNTS.key),
    });
    const ours = () => ({
      orders: byKey(latest.orders?.items.values() ?? [], (o) => ORDERS.key(o as never)),
      positions: byKey(latest.positions?.items.values() ?? [], (p) => POSITIONS.key(p as never)),
      accounts: byKey(latest.accounts?.items.values() ?? [], (a) => ACCOUNTS.key(a as never)),
    });
    await until(() => JSON.stringify(ours()) === JSON.stringify(truth()), 'the state to settle', 5_000).catch(() => undefined); // the expectations below show any difference
    const expected = truth();
    const actual = ours();
    expect(actual.orders).to.deep.equal(expected.orders);
    expect(actual.positions).to.deep.equal(expected.positions);
    expect(actual.accounts).to.deep.equal(expected.accounts);
    expect(Object.keys(actual.orders).length).to.be.greaterThan(50);
    expect(errors).to.deep.equal([]);
    expect(resyncs.orders, 'orders rebuilt from new snapshots').to.be.at.least(2);
    expect(resyncs.positions, 'positions rebuilt').to.be.at.least(1);
    expect(resyncs.accounts, 'accounts rebuilt').to.be.at.least(1);
    expect(statuses.filter((s) => s.type === 'retrying').length, 'no reconnect storm').to.be.within(4, 12);
  });
});
