/** Something a {@link BlockBatch} can hold: it remembers where its last update went in the batch's log. */
export interface BatchSlot {
  /** Log position of the slot's last update in the current batch (meaningless when not in the batch). */
  batchPosition: number;
}

/**
 * The data node's per-block batcher (`sqlstore.MapBatcher`, an ordered map) for callers that
 * already hold one slot object per key: updating a slot that is already pending moves it to the
 * back, so a drain yields each touched slot once, in the order of its last update.
 *
 * Same semantics as {@link LatestByKey}, without its key -> slot map: the slot carries its own
 * log position, so an update is one write and one push (the hot stores touch hundreds of slots a
 * block, and a map per block had to be re-grown after every flush).
 */
export class BlockBatch<S extends BatchSlot> {
  private log: S[] = [];

  /** Records an update of `slot`, moving it to the back. */
  touch(slot: S): void {
    slot.batchPosition = this.log.length;
    this.log.push(slot);
  }

  /** Number of updates since the last drain (a slot updated twice counts twice). */
  get updates(): number {
    return this.log.length;
  }

  /** The touched slots in order of their last update, then empties the batch. */
  drain(): S[] {
    const log = this.log;
    const out: S[] = [];
    if (log.length === 0) return out;
    for (let i = 0; i < log.length; i++) {
      const slot = log[i] as S;
      // a slot touched again later in the batch is yielded there, not here
      if (slot.batchPosition === i) out.push(slot);
    }
    this.log = [];
    return out;
  }
}
