/**
 * The data node's per-block batcher (`sqlstore.MapBatcher`, an ordered map): adding a value under
 * a key that is already pending replaces it and moves it to the back, so a flush yields the latest
 * value of each key, in the order of each key's last update.
 */
export class LatestByKey<K, V> {
  private readonly pending = new Map<K, V>();

  /** Records `value` as the latest for `key`, moving the key to the back. */
  set(key: K, value: V): void {
    this.pending.delete(key);
    this.pending.set(key, value);
  }

  /** Number of pending keys. */
  get size(): number {
    return this.pending.size;
  }

  /** The pending values in order of their last update, then empties the batch. */
  flush(): V[] {
    const values = [...this.pending.values()];
    this.pending.clear();
    return values;
  }
}
