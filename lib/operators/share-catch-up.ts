import type { SnapshotKind } from './snapshot-kinds.js';

/** Items per rebuilt snapshot page, as the data node pages its snapshots. */
const SNAPSHOT_PAGE_SIZE = 50;

/**
 * What a shared subscription remembers of its current connection to bring a subscriber that
 * joins late up to date. It holds the current state only (never the history), so its memory
 * stays bounded by the state. A new connection starts with a fresh one.
 */
export interface CatchUp<R> {
  /** Take in one frame of the shared connection, in arrival order. */
  apply(frame: R): void;
  /** The frames a subscriber joining now receives before the live frames. */
  frames(): R[];
}

/** Makes the catch-up of one new connection. */
export type CatchUpFactory<R> = () => CatchUp<R>;

/**
 * The catch-up of a route that starts with a paged snapshot (orders, positions, accounts): the
 * items seen so far, keyed with `kind` (snapshot pages and updates applied, items that are no
 * longer live removed), rebuilt as snapshot pages of {@link SNAPSHOT_PAGE_SIZE}. Once the
 * original snapshot is complete (its last page, or any update, has been seen) the last rebuilt
 * page has `lastPage` true (an empty state gives one empty last page); while it is incomplete
 * the pages so far have no `lastPage`, and the remaining original pages follow live. Before any
 * frame there is nothing to catch up on (positions send no snapshot at all for a party and
 * market without a position).
 */
export function snapshotCatchUp<R, T>(kind: SnapshotKind<R, T>, pageSize: number = SNAPSHOT_PAGE_SIZE): CatchUp<R> {
  const items = new Map<string, T>();
  let seen = false;
  let complete = false;
  const put = (item: T): void => {
    if (kind.isLive(item)) items.set(kind.key(item), item);
    else items.delete(kind.key(item));
  };
  return {
    apply(frame) {
      const page = kind.snapshot(frame);
      const updates = page ? undefined : kind.updates(frame);
      if (!page && !updates) return;
      seen = true;
      for (const item of page?.items ?? updates ?? []) put(item);
      if (updates || page?.lastPage) complete = true;
    },
    frames() {
      if (!seen) return [];
      const all = [...items.values()];
      const pages: R[] = [];
      for (let start = 0; start < all.length; start += pageSize) {
        const last = start + pageSize >= all.length;
        pages.push(kind.snapshotFrame(all.slice(start, start + pageSize), complete && last));
      }
      if (complete && pages.length === 0) pages.push(kind.snapshotFrame([], true));
      return pages;
    },
  };
}

/** The catch-up of a route whose latest frame is the whole state (candles): that frame (replay 1). */
export function latestFrameCatchUp<R>(): CatchUp<R> {
  let latest: { readonly frame: R } | undefined;
  return {
    apply(frame) {
      latest = { frame };
    },
    frames: () => (latest ? [latest.frame] : []),
  };
}

/** The catch-up of a route with no initial frames: nothing to replay, plain sharing. */
export function noCatchUp<R>(): CatchUp<R> {
  return { apply() {}, frames: () => [] };
}
