/** A pending value and the position of its key's last update in the batch's log. */
interface Slot<V> {
  value: V;
  position: number;
}

/**
 * The data node's per-block batcher (`sqlstore.MapBatcher`, an ordered map): adding a value under
 * a key that is already pending replaces it and moves it to the back, so a flush yields the latest
 * value of each key, in the order of each key's last update.
 *
 * Implemented as an append-only log of slots plus a key -> slot map (no Map delete + re-insert per
 * update): a slot is yielded at the log position of its last update only.
 */
export class LatestByKey<K, V> {
  private readonly pending = new Map<K, Slot<V>>();
  private log: Slot<V>[] = [];

  /** Records `value` as the latest for `key`, moving the key to the back. */
  set(key: K, value: V): void {
    const slot = this.pending.get(key);
    if (slot) {
      slot.value = value;
      slot.position = this.log.length;
      this.log.push(slot);
    } else {
      const created: Slot<V> = { value, position: this.log.length };
      this.pending.set(key, created);
      this.log.push(created);
    }
  }

  /** Number of pending keys. */
  get size(): number {
    return this.pending.size;
  }

  /** The pending values in order of their last update, then empties the batch. */
  flush(): V[] {
    const log = this.log;
    const values: V[] = [];
    if (log.length === 0) return values;
    for (let i = 0; i < log.length; i++) {
      const slot = log[i] as Slot<V>;
      if (slot.position === i) values.push(slot.value);
    }
    this.pending.clear();
    this.log = [];
    return values;
  }
}
