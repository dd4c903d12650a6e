import { expect } from 'chai';
import { Prng } from '../../../lib/simulator/engine/prng.js';
import { IdSource } from '../../../lib/simulator/engine/ids.js';

describe('simulator engine: seeded generator', () => {
  it('repeats for a seed and stream, differs across seeds and streams', () => {
    const draw = (p: Prng): number[] => Array.from({ length: 8 }, () => p.nextU32());
    expect(draw(new Prng(7, 'x'))).to.deep.equal(draw(new Prng(7, 'x')));
    expect(draw(new Prng(7, 'x'))).to.not.deep.equal(draw(new Prng(8, 'x')));
    expect(draw(new Prng(7, 'x'))).to.not.deep.equal(draw(new Prng(7, 'y')));
  });

  it('stays in range and looks uniform', () => {
    const p = new Prng('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const f = p.float();
      expect(f >= 0 && f < 1).to.equal(true);
      buckets[Math.floor(f * 10)]! += 1;
    }
    for (const b of buckets) expect(b).to.be.within(9_500, 10_500);
    for (let i = 0; i < 1000; i++) expect(p.range(3, 5)).to.be.within(3, 5);
  });

  it('makes 64-hex ids', () => {
    const ids = new IdSource(new Prng('ids'));
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = ids.next();
      expect(id).to.match(/^[0-9a-f]{64}$/);
      seen.add(id);
    }
    expect(seen.size).to.equal(1000);
  });
});
