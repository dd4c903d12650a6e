import type { SnapshotState } from './accumulate-snapshot.js';
import type { SnapshotKind, SnapshotPageOf } from './snapshot-kinds.js';

/**
 * The state machine behind accumulateSnapshot, without any Rx: the last emitted state, a
 * snapshot being paged in, and the updates of the block still open.
 */
export class SnapshotStore<R, T> {
  /** The last emitted items (never mutated once emitted). */
  private current: ReadonlyMap<string, T> | undefined;
  /** A snapshot being received, page by page. */
  private loading: Map<string, T> | undefined;
  /** The open block's updates by key (the latest version of each). */
  private readonly pending = new Map<string, T>();
  private pendingTime: string | undefined;

  constructor(private readonly kind: SnapshotKind<R, T>) {}

  /** A new connection: a snapshot cut short by the old one's drop is thrown away. */
  newConnection(): void {
    this.loading = undefined;
  }

  /** Take one snapshot page; returns the new state on the last page. */
  snapshotPage(page: SnapshotPageOf<T>): SnapshotState<T> | undefined {
    if (this.loading === undefined) {
      this.loading = new Map();
      this.pending.clear(); // superseded by the snapshot
      this.pendingTime = undefined;
    }
    this.fold(this.loading, page.items);
    if (!page.lastPage) return undefined;
    const next = this.loading;
    this.loading = undefined;
    const previous = this.current;
    this.current = next;
    return {
      items: next,
      changes: previous === undefined ? { upserted: [...next.values()], removed: [] } : difference(previous, next),
      snapshot: true,
      resync: previous !== undefined,
      blockTime: undefined,
    };
  }

  /** True when updates of block time `time` (their first item's) belong to another block than the open one. */
  startsNewBlock(time: string | undefined): boolean {
    if (this.pending.size === 0 || this.pendingTime === undefined) return false;
    return time !== undefined && time !== this.pendingTime;
  }

  /**
   * Add a frame of updates (its block time `time`) to the open block. Updates that come while a snapshot is still being
   * paged in (a node does not send them, but bad data can) are folded into that snapshot, so
   * that nothing is emitted before its last page.
   */
  update(updates: readonly T[], time: string | undefined): void {
    if (this.loading !== undefined) {
      this.fold(this.loading, updates);
      return;
    }
    for (const item of updates) this.pending.set(this.kind.key(item), item);
    this.pendingTime ??= time;
  }

  /** Items into a snapshot being loaded: the later version of a key wins, and one not live leaves. */
  private fold(loading: Map<string, T>, items: readonly T[]): void {
    for (const item of items) {
      const key = this.kind.key(item);
      if (this.kind.isLive(item)) loading.set(key, item);
      else loading.delete(key);
    }
  }

  /** Close the open block: the new state, or undefined when the block is empty. */
  closeBlock(): SnapshotState<T> | undefined {
    if (this.pending.size === 0) return undefined;
    const next = new Map(this.current);
    const upserted: T[] = [];
    const removed: T[] = [];
    for (const [key, item] of this.pending) {
      if (this.kind.isLive(item)) {
        next.set(key, item);
        upserted.push(item);
      } else {
        const old = next.get(key);
        if (old !== undefined || next.has(key)) {
          next.delete(key);
          removed.push(old as T);
        }
      }
    }
    const blockTime = this.pendingTime;
    this.pending.clear();
    this.pendingTime = undefined;
    this.current = next;
    return { items: next, changes: { upserted, removed }, snapshot: false, resync: false, blockTime };
  }
}

/** What changed from one state to another (items compared by content). */
function difference<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>): { upserted: T[]; removed: T[] } {
  const upserted: T[] = [];
  const removed: T[] = [];
  for (const [key, item] of after) {
    const old = before.get(key);
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(item)) upserted.push(item);
  }
  for (const [key, item] of before) if (!after.has(key)) removed.push(item);
  return { upserted, removed };
}
