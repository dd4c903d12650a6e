import { expect } from 'chai';
import { BusEventType } from '../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../lib/simulator/core-block.js';
import { createEngine, DEFAULT_START_TIME_NS, MIN_BLOCK_STEP_NS, type EngineOptions } from '../../../lib/simulator/engine/index.js';

function run(options: EngineOptions, blocks: number): string[] {
  const engine = createEngine(options);
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) {
    const b: CoreBlock = engine.nextBlock();
    out.push(JSON.stringify({ height: b.height.toString(), hash: b.hash, timeNs: b.timeNs.toString(), events: b.events }));
  }
  return out;
}

describe('simulator engine: determinism', function () {
  this.timeout(30_000);

  it('gives byte-identical blocks for the same seed and options, whatever the wall clock', () => {
    const a = run({ seed: 42 }, 300);
    // The second run sees a clock a day and a half later.
    const realNow = Date.now;
    Date.now = () => realNow() + 36 * 3_600_000;
    let b: string[];
    try {
      b = run({ seed: 42 }, 300);
    } finally {
      Date.now = realNow;
    }
    expect(b).to.deep.equal(a);
  });

  it('gives different blocks for different seeds', () => {
    const a = run({ seed: 1 }, 20);
    const b = run({ seed: 2 }, 20);
    for (let i = 0; i < a.length; i++) expect(b[i], `block ${i + 1}`).to.not.equal(a[i]);
    // a string seed and the number with the same digits are different seeds too
    expect(run({ seed: '1' }, 2)[1]).to.not.equal(a[1]);
  });

  it('keeps virtual block time: a fixed start and interval, 1 ms steps at interval 0', () => {
    const engine = createEngine({ seed: 3 });
    const first = engine.nextBlock();
    const second = engine.nextBlock();
    expect([first.height, first.timeNs]).to.deep.equal([1n, DEFAULT_START_TIME_NS]);
    expect(second.timeNs - first.timeNs).to.equal(1_000_000_000n);
    const fast = createEngine({ seed: 3, blockIntervalNs: 0n, startTimeNs: 5n });
    expect([fast.nextBlock().timeNs, fast.nextBlock().timeNs]).to.deep.equal([5n, 5n + MIN_BLOCK_STEP_NS]);
  });

  it('creates the markets with different price and position decimals, each with its settlement asset', () => {
    const engine = createEngine({ seed: 9, markets: 5 });
    const genesis = engine.nextBlock();
    const created = genesis.events.filter((e) => e.type === BusEventType.BUS_EVENT_TYPE_MARKET_CREATED).map((e) => e.marketCreated);
    expect(created).to.have.length(5);
    const decimals = created.map((m) => `${m?.decimalPlaces}/${m?.positionDecimalPlaces}`);
    expect(decimals.slice(0, 3)).to.deep.equal(['5/4', '2/3', '0/0']);
    expect(new Set(decimals).size).to.equal(5);
    const assets = new Set(genesis.events.filter((e) => e.asset !== undefined).map((e) => e.asset?.id));
    for (const m of created) {
      const product = m?.tradableInstrument?.instrument;
      expect(assets.has(product?.perpetual?.settlementAsset ?? product?.future?.settlementAsset)).to.equal(true);
    }
    // every party's general account was funded by a deposit
    const deposits = genesis.events.filter((e) => e.type === BusEventType.BUS_EVENT_TYPE_DEPOSIT);
    expect(deposits).to.have.length(engine.parties().length * engine.assets().length);
    for (const id of [...created.map((m) => m?.id), ...engine.parties()]) expect(id).to.match(/^[0-9a-f]{64}$/);
  });
});
