// docs/benchmarks.md shows the latest results of every benchmark (bench/results/*.json), written
// into it by scripts/generate-bench-docs.ts; these specs fail when the page and the results differ.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { BENCH_PAGE, benchPage, readResults, resultBlock } from '../../scripts/generate-bench-docs.js';

const ROOT = new URL('../../', import.meta.url);

describe('benchmarks page (docs/benchmarks.md)', () => {
  const page = readFileSync(new URL(BENCH_PAGE, ROOT), 'utf8');
  const results = readResults();

  it('shows the latest results of every benchmark (else run npm run docs:bench)', () => {
    expect(results.size).to.be.greaterThan(3);
    expect(benchPage(page, results) === page, `${BENCH_PAGE} is not current: run npm run docs:bench`).to.equal(true);
  });

  it('writes a result as its title, date, machine, a table with formatted cells, and its notes', () => {
    const block = resultBlock('made-up', {
      date: '2026-01-02T03:04:05.000Z',
      machine: '2 × test cpu',
      title: 'A title',
      rows: [
        { client: 'a|b', 'frames/s': 1234567.891 },
        { client: '<c>', extra: 0 },
      ],
      notes: ['x ≥ y'],
    }).join('\n');
    expect(block).to.include('**A title**. Run of 2026-01-02 on 2 × test cpu (`bench/results/made-up.json`):');
    expect(block).to.include('| client | frames/s | extra |');
    expect(block).to.include('| a\\|b | 1,234,567.891 |   |');
    expect(block).to.include('| &lt;c&gt; |   | 0 |');
    expect(block).to.include('- x ≥ y');
  });

  it('refuses a result without a block on the page, and a block without a result', () => {
    const extra = new Map(results);
    extra.set('made-up', { date: '2026-01-01T00:00:00.000Z', machine: 'm', rows: [{ a: 1 }] });
    expect(() => benchPage(page, extra)).to.throw(/has no block for made-up/);
    const fewer = new Map(results);
    fewer.delete('order-book');
    expect(() => benchPage(page, fewer)).to.throw(/block for order-book but .*order-book.json does not exist/);
  });
});
