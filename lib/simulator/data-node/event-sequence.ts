import type { BusEvent } from '../../codecs/index.js';

/** Sequence numbers met so far, as bigints, so the common small ones are not converted again and again. */
const SEQUENCES: bigint[] = [];

function sequenceBigInt(n: number): bigint {
  if (n < 65_536) return (SEQUENCES[n] ??= BigInt(n));
  return BigInt(n);
}

const ZERO = 48;
const NINE = 57;

/**
 * The index in `<height>-<index>` (both all digits, neither empty), or -1 when the id is not of
 * that form (same acceptance as `/^(\d+)-(\d+)$/`). Returns the index as a string when it is too
 * long for an exact number.
 */
function indexOfId(id: string): number | string {
  const dash = id.indexOf('-');
  if (dash <= 0 || dash === id.length - 1) return -1;
  for (let i = 0; i < dash; i++) {
    const c = id.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
  }
  let value = 0;
  for (let i = dash + 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return id.length - dash - 1 > 15 ? id.slice(dash + 1) : value;
}

/**
 * The sequence number of an event in its block, as the data node's `event.Sequence()`: the index
 * in the event id `<height>-<index>` (from 1). Falls back to `position + 1` when the id is not of
 * that form.
 */
export function eventSequence(event: BusEvent, position: number): bigint {
  const index = indexOfId(event.id);
  if (typeof index === 'string') return BigInt(index);
  return index >= 0 ? sequenceBigInt(index) : sequenceBigInt(position + 1);
}

/** A block time truncated to microseconds (in ns), as Postgres stores it and the data node keys sequence numbers. */
export function truncateToMicros(timeNs: bigint): bigint {
  return timeNs - (((timeNs % 1000n) + 1000n) % 1000n);
}

/**
 * The market-depth sequence number of an event (PROTOCOL.md section 5): the block time truncated
 * to microseconds, in ns, plus the event's sequence number in the block.
 */
export function depthSequenceNumber(blockTimeNs: bigint, sequence: bigint): bigint {
  return truncateToMicros(blockTimeNs) + sequence;
}
