import { expect } from 'chai';
import { Simulator } from '../../lib/simulator/index.js';
import { rawConnect, until } from './support/raw-frames.js';

/** The frames a fresh simulator with `seed` sends on a few routes over `blocks` stepped blocks. */
async function framesOf(seed: number, blocks: number): Promise<string[][]> {
  const sim = await Simulator.start({ seed, blockMs: 3_600_000 });
  sim.pause();
  try {
    const markets = sim.markets.map((m) => `marketIds=${m.id}`).join('&');
    const paths = [
      `/api/v2/stream/markets/depth/updates?${markets}`,
      '/api/v2/stream/trades',
      '/api/v2/stream/orders',
      `/api/v2/stream/markets/data?${markets}`,
      '/api/v2/stream/ledger/movements',
    ];
    const connections = paths.map((path) => rawConnect(`${sim.url}${path}`));
    await Promise.all(connections.map((c) => c.opened));
    await until(() => sim.server.subscriptions.size === paths.length, 'the subscriptions');
    for (let i = 0; i < blocks; i++) {
      sim.step(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const height = sim.node.lastBlock?.height;
    // Close only once every connection has stopped growing: all of the last block has arrived.
    let sizes = '';
    await until(() => {
      const now = connections.map((c) => c.frames.length).join(',');
      const settled = now === sizes && connections[0]!.frames.length > 0;
      sizes = now;
      return settled;
    }, 'the frames to settle', 5000, 50);
    connections.forEach((c) => c.close());
    expect(height).to.equal(BigInt(20 + blocks));
    return connections.map((c) => [...c.frames]);
  } finally {
    await sim.stop();
  }
}

describe('simulator: determinism on the wire', function () {
  this.timeout(30_000);

  it('the same seed gives the same frames, byte for byte, whatever the wall clock', async () => {
    const first = await framesOf(5, 40);
    // The second run sees a clock a day and a half later.
    const realNow = Date.now;
    Date.now = () => realNow() + 36 * 3_600_000;
    let second: string[][];
    try {
      second = await framesOf(5, 40);
    } finally {
      Date.now = realNow;
    }
    expect(first.map((f) => f.length)).to.deep.equal(second.map((f) => f.length));
    expect(first.flat().length).to.be.greaterThan(100);
    expect(first).to.deep.equal(second);
  });

  it('another seed gives other frames', async () => {
    const [a] = await framesOf(5, 10);
    const [b] = await framesOf(6, 10);
    expect(a).not.to.deep.equal(b);
  });
});
