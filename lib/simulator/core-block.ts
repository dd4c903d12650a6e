import type { BusEvent } from '../codecs/index.js';

/**
 * One block of core events, as the Vega core emits them to its data node: `BEGIN_BLOCK` first,
 * `END_BLOCK` last, every event decoded (proto3 defaults filled in). Both the simulator's
 * engine and the replay of a recorded event stream produce these; the data-node layer derives
 * every stream route from them, as the real data node does.
 */
export interface CoreBlock {
  /** Block height, from 1. */
  readonly height: bigint;
  /** Block hash: 64 lowercase hex characters (BusEvent.block carries it in upper case). */
  readonly hash: string;
  /** Block time in Unix nanoseconds. */
  readonly timeNs: bigint;
  /** The block's events in order; event ids are `<height>-<index>`, index from 1. */
  readonly events: readonly BusEvent[];
}

/** Anything that yields core blocks one after another (the engine, a replayed recording). */
export interface CoreBlockSource {
  /** The next block, or undefined when the source is exhausted (a recording's end). */
  nextBlock(): CoreBlock | undefined;
}
