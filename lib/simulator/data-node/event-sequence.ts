import type { BusEvent } from '../../codecs/index.js';

const EVENT_ID = /^(\d+)-(\d+)$/;

/**
 * The sequence number of an event in its block, as the data node's `event.Sequence()`: the index
 * in the event id `<height>-<index>` (from 1). Falls back to `position + 1` when the id is not of
 * that form.
 */
export function eventSequence(event: BusEvent, position: number): bigint {
  const match = EVENT_ID.exec(event.id);
  return match ? BigInt(match[2] as string) : BigInt(position + 1);
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
