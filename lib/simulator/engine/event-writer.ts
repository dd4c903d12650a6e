import type { BusEvent, BusEventType } from '../../codecs/index.js';

/** The BusEvent member names that carry an event's payload (everything but the envelope). */
export type BusEventKey = Exclude<keyof BusEvent, 'id' | 'block' | 'type' | 'version' | 'chainId' | 'txHash'>;

/**
 * Collects one block's events with the core's envelope: id `<height>-<index>` (index from 1),
 * `block` = the block hash in upper case, `version` 1, the chain id and the causing transaction's
 * hash in upper case (the block hash for block-level events).
 */
export class BlockWriter {
  /** The events so far, in order. */
  readonly events: BusEvent[] = [];
  /** The block hash in upper case (BusEvent.block, and txHash of block-level events). */
  readonly blockUpper: string;
  /** The block time as an int64 decimal string. */
  readonly timeText: string;
  private index = 0;
  private readonly prefix: string;

  constructor(
    /** Block height. */
    readonly height: bigint,
    /** Block hash, 64 lowercase hex characters. */
    readonly hash: string,
    /** Block time, Unix ns. */
    readonly timeNs: bigint,
    private readonly chainId: string,
  ) {
    this.blockUpper = hash.toUpperCase();
    this.timeText = timeNs.toString();
    this.prefix = `${height}-`;
  }

  /** Appends an event whose payload member is `key`. */
  emit<K extends BusEventKey>(txHash: string, type: BusEventType, key: K, payload: NonNullable<BusEvent[K]>): void {
    this.index++;
    const event: Record<string, unknown> = {
      id: this.prefix + this.index,
      block: this.blockUpper,
      type,
      version: 1,
      chainId: this.chainId,
      txHash,
    };
    event[key] = payload;
    this.events.push(event as unknown as BusEvent);
  }
}

/** Where an event goes and which transaction caused it. */
export interface EmitContext {
  /** The block being built. */
  readonly w: BlockWriter;
  /** The causing transaction's hash in upper case (the block hash for block-level events). */
  readonly tx: string;
}
