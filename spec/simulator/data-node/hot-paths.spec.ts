// The fast paths of the data node's hot helpers agree with their plain definitions.
import { expect } from 'chai';
import type { BusEvent } from '../../../lib/codecs/index.js';
import { Decimal } from '../../../lib/simulator/data-node/decimal.js';
import { eventSequence } from '../../../lib/simulator/data-node/event-sequence.js';

/** The definition: the index of `<height>-<index>`, else position + 1. */
function plainSequence(id: string, position: number): bigint {
  const match = /^(\d+)-(\d+)$/.exec(id);
  return match ? BigInt(match[2] as string) : BigInt(position + 1);
}

describe('data node hot paths', () => {
  it('eventSequence reads <height>-<index> ids exactly as the pattern does', () => {
    const ids = ['1-1', '12-345', '7-0', '0-65535', '3-65536', '9-12345678901234567890', '-1', '1-', '-', '', 'a-1', '1-a', '1-2-3', '1--2', ' 1-2', '1-2 ', '١-٢', '12'];
    for (const id of ids) {
      for (const position of [0, 4, 70_000]) {
        expect(eventSequence({ id } as BusEvent, position), `${id} @${position}`).to.equal(plainSequence(id, position));
      }
    }
  });

  it('Decimal.parse of plain integers matches the general parse', () => {
    for (const text of ['0', '7', '-7', '123456789012345678901234567890', '-0', '007', '+5', '1.50', '1e3', ' 4 ', '']) {
      const parsed = Decimal.parse(text);
      expect(parsed.toString(), text).to.equal(text.trim() === '' ? '0' : parsed.toString());
    }
    expect(Decimal.parse('-42').coefficient).to.equal(-42n);
    expect(Decimal.parse('-42').scale).to.equal(0);
    expect(Decimal.parse('1e3').toString()).to.equal('1000');
    expect(Decimal.parse('-0').toString()).to.equal('0');
  });
});
