import { asyncScheduler, Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Block } from './batch-by-block.js';
import { compareBlockTimes } from './block-time.js';

/** The value type of the blocks of each source of {@link alignBlocks}. */
export type BlockValues<S> = { [P in keyof S & string]: S[P] extends Observable<Block<infer T>> ? T : never };

/** One emission of {@link alignBlocks}: everything the sources had for one block time. */
export interface AlignedBlock<K extends string, V extends { readonly [P in K]: unknown } = { readonly [P in K]: unknown }> {
  /**
   * The block time (ns, int64 decimal string). Undefined only for an untimed block (time
   * undefined, e.g. accounts), which is passed through on arrival, on its own, with `late: false`.
   */
  readonly time: string | undefined;
  /** The blocks of each source for this time, in arrival order; a source without any is absent. */
  readonly parts: { readonly [P in K]?: readonly Block<V[P]>[] };
  /**
   * True for a piece that arrived after its time was emitted (or after a later time was, so that
   * emitting it in order was no longer possible): it comes alone, as soon as it arrives.
   */
  readonly late: boolean;
}

/** Configuration of {@link alignBlocks}. */
export interface AlignBlocksConfig {
  /**
   * A block time is emitted at the latest this many milliseconds after its last piece arrived
   * (the timer restarts on each piece), even if some source has not moved past it; 0 waits for
   * every source. Default 250.
   */
  readonly quietMs?: number;
  /** The scheduler of the quiet-period timers. Default asyncScheduler. */
  readonly scheduler?: SchedulerLike;
}

interface Pending {
  readonly time: string;
  readonly parts: Record<string, Block<unknown>[]>;
  timer: Subscription | undefined;
}

/**
 * Aligns several block streams (e.g. the `batchByBlock` output of one market's trades and market
 * data), so a consumer sees each block time once with everything every source had for it.
 *
 * A time T is emitted when every source has emitted a block later than T or has completed, or
 * `quietMs` after the last piece of T arrived, whichever comes first; emitting T also emits every
 * earlier pending time first, so emissions are in increasing time order. A piece for a time not
 * after the last emitted one (a lagging source) is never dropped: it is emitted alone with
 * `late: true`. An untimed block (time undefined) is passed through at once, alone (see
 * {@link AlignedBlock.time}); a source of untimed blocks never moves past a time, so beside one,
 * times close by quiet period (or completion) only. Several blocks of one source with the same
 * time (a block that a quiet period split) are kept together in that source's part.
 *
 * The output completes when every source has completed, after flushing what is pending. An error
 * of any source unsubscribes the others, stops the timers and drops what is pending (it may be
 * incomplete), then passes through. Without sources the output completes at once.
 */
export function alignBlocks<S extends Record<string, Observable<Block<unknown>>>>(
  sources: S,
  config: AlignBlocksConfig = {},
): Observable<AlignedBlock<keyof S & string, BlockValues<S>>> {
  const { quietMs = 250, scheduler = asyncScheduler } = config;
  if (!Number.isFinite(quietMs) || quietMs < 0) throw new RangeError(`alignBlocks: quietMs must be a finite number >= 0, got ${quietMs}`);
  type Out = AlignedBlock<keyof S & string, BlockValues<S>>;
  const keys = Object.keys(sources);

  return new Observable<Out>((subscriber) => {
    /** The latest block time each source has emitted, undefined before its first timed block. */
    const latest = new Map<string, string>();
    const completed = new Set<string>();
    /** Pending times, in increasing order. */
    const pending: Pending[] = [];
    let lastEmitted: string | undefined;

    const emit = (time: string | undefined, parts: Record<string, Block<unknown>[]>, late: boolean): void => {
      // Each part holds blocks of the source of that key, so of BlockValues<S>[key]: sound, though
      // not expressible through the string-keyed maps used inside.
      subscriber.next({ time, parts: parts as unknown as Out['parts'], late });
    };
    const isPast = (time: string): boolean => lastEmitted !== undefined && compareBlockTimes(time, lastEmitted) <= 0;
    const isReady = (time: string): boolean =>
      keys.every((key) => {
        if (completed.has(key)) return true;
        const seen = latest.get(key);
        return seen !== undefined && compareBlockTimes(seen, time) > 0;
      });
    /** Emits the pending times up to and including `upTo` (all when undefined), in order. */
    const flushUpTo = (upTo: string | undefined): void => {
      while (pending.length > 0 && !subscriber.closed) {
        const first = pending[0]!;
        if (upTo !== undefined && compareBlockTimes(first.time, upTo) > 0) return;
        pending.shift();
        first.timer?.unsubscribe();
        lastEmitted = first.time;
        emit(first.time, first.parts, false);
      }
    };
    const flushReady = (): void => {
      while (pending.length > 0 && !subscriber.closed && isReady(pending[0]!.time)) flushUpTo(pending[0]!.time);
    };
    const add = (key: string, block: Block<unknown>): void => {
      const { time } = block;
      if (time === undefined) {
        emit(undefined, { [key]: [block] }, false);
        return;
      }
      const previous = latest.get(key);
      if (previous === undefined || compareBlockTimes(time, previous) > 0) latest.set(key, time);
      if (isPast(time)) {
        emit(time, { [key]: [block] }, true);
        return;
      }
      let index = pending.findIndex((entry) => compareBlockTimes(entry.time, time) >= 0);
      if (index === -1) index = pending.length;
      let entry = pending[index];
      if (entry === undefined || entry.time !== time) {
        entry = { time, parts: {}, timer: undefined };
        pending.splice(index, 0, entry);
      }
      (entry.parts[key] ??= []).push(block);
      if (quietMs > 0) {
        const target = entry;
        target.timer?.unsubscribe();
        target.timer = scheduler.schedule(() => {
          target.timer = undefined;
          flushUpTo(target.time);
          flushReady();
        }, quietMs);
      }
      flushReady();
    };
    const complete = (key: string): void => {
      completed.add(key);
      flushReady();
      if (completed.size === keys.length && !subscriber.closed) {
        flushUpTo(undefined);
        subscriber.complete();
      }
    };

    subscriber.add(() => {
      for (const entry of pending) entry.timer?.unsubscribe();
      pending.length = 0;
    });
    if (keys.length === 0) subscriber.complete();
    for (const key of keys) {
      if (subscriber.closed) break;
      subscriber.add(
        sources[key]!.subscribe({
          next: (block) => {
            if (!subscriber.closed) add(key, block);
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => complete(key),
        }),
      );
    }
  });
}
