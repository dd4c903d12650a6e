import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { BusEventType } from '../../../lib/codecs/index.js';
import type { CoreBlock } from '../../../lib/simulator/core-block.js';
import { RecordingSource } from '../../../lib/simulator/replay/index.js';

const RECORDING = fileURLToPath(new URL('../../../vendor/vega-v0.79/recordings/system_tests.busevents.jsonl.gz', import.meta.url));

function allBlocks(source: RecordingSource): CoreBlock[] {
  const blocks: CoreBlock[] = [];
  for (let block = source.nextBlock(); block; block = source.nextBlock()) blocks.push(block);
  return blocks;
}

const begin = (h: number, hash: string, t: string): string =>
  JSON.stringify({ id: `${h}-1`, block: hash.toUpperCase(), type: 49, beginBlock: { height: String(h), timestamp: t, hash } });
const end = (h: number, i: number): string => JSON.stringify({ id: `${h}-${i}`, type: 50, endBlock: { height: String(h) } });
const HASH = 'ab'.repeat(32);

describe('simulator replay: RecordingSource', () => {
  it('replays the vendored recording block by block: 1,088 blocks, 6,964 events', () => {
    const blocks = allBlocks(RecordingSource.fromFile(RECORDING));
    expect(blocks).to.have.length(1088);
    expect(blocks.reduce((n, b) => n + b.events.length, 0)).to.equal(6964);
    for (const block of blocks) {
      expect(block.events[0]?.type).to.equal(BusEventType.BUS_EVENT_TYPE_BEGIN_BLOCK);
      expect(block.events.at(-1)?.type).to.equal(BusEventType.BUS_EVENT_TYPE_END_BLOCK);
      expect(block.hash).to.match(/^[0-9a-f]{64}$/);
      for (const event of block.events) expect(event.block.toLowerCase()).to.equal(block.hash);
    }
  });

  it('cuts blocks at BEGIN/END_BLOCK, so a repeated height stays two blocks', () => {
    const [first, second, third] = allBlocks(RecordingSource.fromFile(RECORDING));
    expect([first?.height, second?.height, third?.height]).to.deep.equal([1n, 1n, 2n]);
    expect(first?.hash).not.to.equal(second?.hash);
    expect(first?.events).to.have.length(255);
    expect(third!.timeNs > first!.timeNs).to.equal(true);
  });

  it('returns undefined at the end', () => {
    const source = RecordingSource.fromText(`${begin(7, HASH, '100')}\n${end(7, 2)}\n`);
    expect(source.nextBlock()?.height).to.equal(7n);
    expect(source.nextBlock()).to.equal(undefined);
    expect(source.nextBlock()).to.equal(undefined);
  });

  it('names the line of a malformed recording', () => {
    expect(() => RecordingSource.fromText(`${begin(7, HASH, '100')}\n{"id":`, 'x.jsonl').nextBlock()).to.throw(/x\.jsonl line 2: not JSON/);
    expect(() => RecordingSource.fromText(end(7, 2), 'x.jsonl').nextBlock()).to.throw(/line 1: expected a BEGIN_BLOCK/);
    expect(() => RecordingSource.fromText(`${begin(7, HASH, '100')}\n${begin(8, HASH, '200')}`).nextBlock()).to.throw(/line 2: a BEGIN_BLOCK before the END_BLOCK/);
    expect(() => RecordingSource.fromText(begin(7, HASH, '100')).nextBlock()).to.throw(/ends inside a block/);
    expect(() => RecordingSource.fromText(`${begin(7, HASH, '100')}\n{"type":"NOPE"}`).nextBlock()).to.throw(/line 2: Cannot decode/);
  });
});
