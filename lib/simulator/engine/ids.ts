import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import type { Prng } from './prng.js';

/**
 * Deterministic 64-character lowercase hex identifiers (market, party, order, trade, asset,
 * proposal and transaction ids), drawn from a dedicated {@link Prng} stream so that decisions and
 * ids never disturb each other.
 */
export class IdSource {
  private readonly buf = Buffer.alloc(32);

  constructor(private readonly prng: Prng) {}

  /** A fresh 64-hex-character id (eight 32-bit words, big-endian). */
  next(): string {
    const p = this.prng;
    const buf = this.buf;
    for (let i = 0; i < 32; i += 4) buf.writeUInt32BE(p.nextU32(), i);
    return buf.toString('hex');
  }
}

/** The one-shot `crypto.hash` (Node >= 20.12): the same digest without a Hash object per call. */
const oneShotHash = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 of a UTF-8 string, as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
