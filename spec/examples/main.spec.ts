import { expect } from 'chai';
import { compareDecimal, subtractDecimal } from '../../lib/decimals/index.js';
import { Simulator } from '../../lib/simulator/index.js';
import type { MarketRow } from '../../examples/main/market-row.js';
import { runMain } from './support/run-main.js';

/** One NDJSON line of the main job. */
type Row = MarketRow;

/** Every stdout line parsed as JSON (a line that is not JSON fails the test). */
function parseLines(stdout: string): Row[] {
  const lines = stdout.split('\n').filter((line) => line !== '');
  expect(lines, 'NDJSON lines').to.not.be.empty;
  return lines.map((line) => JSON.parse(line) as Row);
}

/** The per-block invariants: bid < ask, spread = ask - bid exactly, known statuses. */
function checkRows(rows: readonly Row[]): void {
  let both = 0;
  for (const row of rows) {
    expect(row.volume).to.match(/^\d+(\.\d+)?$/);
    expect(row.status.book).to.match(/^(connecting|connected|resynced|reconnecting in \d+\.\d s|failed)$/);
    if (row.bestBid === null || row.bestAsk === null) continue;
    both++;
    expect(compareDecimal(row.bestBid, row.bestAsk), `bid ${row.bestBid} < ask ${row.bestAsk}`).to.be.lessThan(0);
    expect(row.spread).to.equal(subtractDecimal(row.bestAsk, row.bestBid));
  }
  expect(both, 'lines with a bid and an ask').to.be.greaterThan(0);
}

describe('main job (npm start)', function () {
  this.timeout(40_000);

  it('prints one NDJSON line per block per market for the 3 simulator markets, then closes every socket and exits 0', async () => {
    const sim = await Simulator.start({ blockMs: 500 }); // the same markets as the job's own simulator (same default seed)
    const ids = sim.markets.map((market) => market.id);
    await sim.stop();
    const { code, stdout, stderr } = await runMain('--seconds', '3');
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    const rows = parseLines(stdout);
    expect(new Set(rows.map((row) => row.market))).to.deep.equal(new Set(ids));
    checkRows(rows);
    expect(rows.some((row) => row.sequenceNumber !== null && /^\d+$/.test(row.sequenceNumber))).to.equal(true);
    expect(rows.some((row) => row.lastTrade !== null && row.volume !== '0')).to.equal(true);
  });

  it('with --node and no --market, discovers the markets over REST and streams them', async () => {
    const sim = await Simulator.start({ blockMs: 500, port: 0 });
    try {
      const { code, stdout, stderr } = await runMain('--node', sim.url, '--seconds', '3');
      expect(stderr).to.equal('');
      expect(code).to.equal(0);
      const rows = parseLines(stdout);
      expect(new Set(rows.map((row) => row.market))).to.deep.equal(new Set(sim.markets.map((market) => market.id)));
      checkRows(rows);
    } finally {
      await sim.stop();
    }
  });

  it('with --market, follows only that market', async () => {
    const sim = await Simulator.start({ blockMs: 500, port: 0 });
    try {
      const id = sim.markets[1]!.id;
      const { code, stdout } = await runMain('--node', sim.url, '--market', id, '--seconds', '2');
      expect(code).to.equal(0);
      const rows = parseLines(stdout);
      expect(new Set(rows.map((row) => row.market))).to.deep.equal(new Set([id]));
    } finally {
      await sim.stop();
    }
  });

  it('refuses a bad market id with one line and exit code 2', async () => {
    const { code, stdout, stderr } = await runMain('--market', 'BTCUSD');
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr.trim()).to.equal('--market BTCUSD is not a market id (64 lowercase hex characters)');
  });

  it('refuses bad flags with one line and exit code 2', async () => {
    for (const args of [['--seconds', 'soon'], ['--seconds', '0'], ['--colour'], ['--node', 'ftp://example.com']]) {
      const { code, stderr } = await runMain(...args);
      expect(code, args.join(' ')).to.equal(2);
      expect(stderr.trim().split('\n'), args.join(' ')).to.have.length(1);
    }
  });
});
