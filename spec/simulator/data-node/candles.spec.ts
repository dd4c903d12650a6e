// Trade candles for every interval, from hand-built trades at chosen block times.
import { expect } from 'chai';
import { DataNode, bucketStart, CANDLE_INTERVAL_NAMES } from '../../../lib/simulator/data-node/index.js';
import type { DataNodeBlock } from '../../../lib/simulator/data-node/index.js';
import { candleId } from '../../../lib/wire/candle-id.js';
import { ALICE, BOB, MARKET_A, MARKET_B, block, trade } from './support/builders.js';
import type { Json } from './support/builders.js';

const S = 1_000_000_000n;
/** An hour boundary (2023-11-14T22:00:00Z); blocks come 123 ns after whole seconds, not on whole µs. */
const T0 = 1_699_999_200n * S;
const NS = 123n;

describe('simulator/data-node: candles', () => {
  let node: DataNode;
  let height: number;
  const at = (offsetNs: bigint, payloads: readonly Json[]): DataNodeBlock => node.apply(block(++height, T0 + offsetNs + NS, payloads));
  const deal = (id: string, price: string, size: string): Json => trade({ id, price, size, buyer: ALICE, seller: BOB });
  const minute = candleId(MARKET_A, '1_minute');

  beforeEach(() => {
    node = new DataNode();
    height = 0;
  });

  it('aligns buckets on the epoch, and 7-day buckets on Mondays (TimescaleDB time_bucket)', () => {
    expect(bucketStart(T0 + 59n * S + 999n, '1_minute')).to.equal(T0);
    expect(bucketStart(T0 + 60n * S, '1_minute')).to.equal(T0 + 60n * S);
    const day = new Date(Number(bucketStart(T0, '1_day') / 1_000_000n));
    expect([day.getUTCHours(), day.getUTCMinutes()]).to.deep.equal([0, 0]);
    const week = new Date(Number(bucketStart(T0, '7_days') / 1_000_000n));
    expect([week.getUTCDay(), week.getUTCHours()]).to.deep.equal([1, 0]);
    expect(bucketStart(T0, '4_hours') % (4n * 3600n * S)).to.equal(0n);
  });

  it('aggregates trades into candles across interval boundaries (open, high, low, close, volume, notional)', () => {
    at(10n * S, [deal('t1', '100', '2'), deal('t2', '105', '1')]);
    const b2 = at(50n * S, [deal('t3', '98', '4')]);
    const b3 = at(70n * S, [deal('t4', '101', '1')]);
    const candles = node.candles(minute) ?? [];
    expect(candles).to.have.length(2);
    const trunc = (t: bigint): bigint => t - (t % 1000n);
    expect(candles[0]).to.deep.equal({
      start: T0.toString(),
      lastUpdate: (trunc(b2.timeNs) + 2n * 1000n).toString(), // the last trade's synthetic time: block time + 2 µs
      open: '100',
      high: '105',
      low: '98',
      close: '98',
      volume: '7',
      notional: '697',
    });
    expect(candles[1]).to.include({ start: (T0 + 60n * S).toString(), open: '101', close: '101', volume: '1' });
    expect(node.candle(candleId(MARKET_A, '5_minutes'))).to.include({ open: '100', high: '105', low: '98', close: '101', volume: '8', notional: '798' });
    const blocks = node.candles(candleId(MARKET_A, 'block')) ?? [];
    expect(blocks.map((c) => c.start)).to.deep.equal([T0 + 10n * S, T0 + 50n * S, T0 + 70n * S].map((t) => (t + NS - (NS % 1000n)).toString()));
    expect(blocks[2]).to.include({ lastUpdate: (trunc(b3.timeNs) + 2000n).toString(), open: '101' });
  });

  it('fills gaps with candles holding only start and the carried-forward lastUpdate', () => {
    at(10n * S, [deal('t1', '100', '2')]);
    const b2 = at(70n * S, [deal('t2', '101', '1')]);
    at(200n * S, [deal('t3', '110', '3')]);
    const candles = node.candles(minute) ?? [];
    expect(candles.map((c) => c.start)).to.deep.equal([0n, 60n, 120n, 180n].map((s) => (T0 + s * S).toString()));
    const gap = candles[2];
    expect(gap).to.deep.equal({
      start: (T0 + 120n * S).toString(),
      lastUpdate: (candles[1] as { lastUpdate: string }).lastUpdate,
      high: '',
      low: '',
      open: '',
      close: '',
      volume: '0',
      notional: '0',
    });
    expect(BigInt(gap?.lastUpdate ?? '0') / 1000n).to.equal(b2.timeNs / 1000n + 2n);
    // from a gap bucket nothing precedes it in the range: lastUpdate falls back to its start
    const later = node.candles(minute, { fromNs: T0 + 120n * S }) ?? [];
    expect(later.map((c) => [c.start, c.lastUpdate === c.start, c.open])).to.deep.equal([
      [(T0 + 120n * S).toString(), true, ''],
      [(T0 + 180n * S).toString(), false, '110'],
    ]);
  });

  it('gives the current candle of an id: the last one, or a gap candle once time has moved past it', () => {
    expect(node.candle(minute)).to.equal(undefined);
    at(10n * S, [deal('t1', '100', '2')]);
    const last = node.candle(minute);
    expect(last).to.include({ start: T0.toString(), open: '100' });
    const now = node.candle(minute, T0 + 185n * S);
    expect(now).to.deep.include({ start: (T0 + 180n * S).toString(), lastUpdate: last?.lastUpdate, open: '', volume: '0' });
    expect(node.candle('trades_candle_2_minutes_' + MARKET_A)).to.equal(undefined);
    expect(node.candles('nonsense')).to.equal(undefined);
    expect(node.candles(candleId(MARKET_B, '1_hour'))).to.deep.equal([]);
  });

  it('publishes the changed candle of every interval with the block', () => {
    const out = at(10n * S, [deal('t1', '100', '2'), deal('t2', '90', '1')]);
    expect(out.candles.map((c) => c.candleId)).to.deep.equal(CANDLE_INTERVAL_NAMES.map((i) => candleId(MARKET_A, i)));
    for (const { candleId: id, candle } of out.candles) {
      expect(candle).to.deep.equal(node.candle(id));
      expect(candle).to.include({ open: '100', close: '90', low: '90', high: '100', volume: '3', notional: '290' });
    }
    expect(at(20n * S, []).candles).to.deep.equal([]);
  });
});
