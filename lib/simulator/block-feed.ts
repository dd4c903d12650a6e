import type { DataNodeBlock } from './data-node/index.js';
import type { BlockFeed } from './server/routes/index.js';

/** A {@link BlockFeed} the simulator publishes each applied block to. */
export class BlockHub implements BlockFeed {
  private readonly listeners = new Set<(block: DataNodeBlock) => void>();

  subscribe(listener: (block: DataNodeBlock) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deliver a block to every current listener, in subscription order. */
  publish(block: DataNodeBlock): void {
    for (const listener of [...this.listeners]) listener(block);
  }

  /** How many subscriptions listen. */
  get size(): number {
    return this.listeners.size;
  }
}
