import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { quietTimer } from './quiet-timer.js';

/** The frames of one block, in arrival order. */
export interface Block<T> {
  /** The block time (ns, int64 decimal string), or undefined when no frame of the block had one. */
  readonly time: string | undefined;
  /** The block's frames, at least one. */
  readonly values: readonly T[];
}

/** Configuration of {@link batchByBlock}. */
export interface BatchByBlockConfig<T> {
  /** The block time of a frame, undefined when it has none (e.g. `blockTimeOf.trades`, or `() => undefined` for accounts). */
  readonly blockTime: (value: T) => string | undefined;
  /**
   * A block also closes after this many milliseconds without a frame (the quiet period restarts
   * on each frame); 0 closes a block only when the next block starts or the source completes, so with
   * 0 a stream whose frames carry no time is emitted only at completion. At most 2,147,483,647
   * (the longest timer delay). Default 250.
   */
  readonly quietMs?: number;
  /** The scheduler of the quiet-period timer. Default asyncScheduler. */
  readonly scheduler?: SchedulerLike;
}

/** The longest delay a timer takes (2^31 - 1 ms); a longer one fires at once in Node. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Regroups the frames of a block stream into one {@link Block} per block: the node sends a block's
 * items in several frames with no end-of-block marker, so a block closes (is emitted) when
 * - a frame with another block time arrives (it opens the next block),
 * - `quietMs` pass without a frame,
 * - or the source completes (the open block is emitted, then the output completes).
 *
 * A frame without a time (empty frame, snapshot page, untimed route) joins the open block, or
 * opens a block with time undefined; the first timed frame of such a block gives it its time.
 * Times are compared as exact strings.
 *
 * On a source error the open block is NOT emitted (it may be incomplete): the error passes
 * through alone. No timer outlives the subscription (error, completion or unsubscribe).
 */
export function batchByBlock<T>(config: BatchByBlockConfig<T>): OperatorFunction<T, Block<T>> {
  const { blockTime, quietMs = 250, scheduler = asyncScheduler } = config;
  if (!Number.isFinite(quietMs) || quietMs < 0 || quietMs > MAX_TIMER_MS) {
    throw new RangeError(`batchByBlock: quietMs must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, got ${quietMs}`);
  }
  return (source) =>
    new Observable<Block<T>>((subscriber) => {
      let time: string | undefined;
      let values: T[] | undefined;
      const close = (): void => {
        if (values === undefined) return;
        const block: Block<T> = { time, values };
        time = undefined;
        values = undefined;
        subscriber.next(block);
      };
      const quiet = quietTimer(scheduler, quietMs, close);

      subscriber.add(() => quiet.cancel());
      subscriber.add(
        source.subscribe({
          next: (value) => {
            if (subscriber.closed) return;
            let frameTime: string | undefined;
            try {
              frameTime = blockTime(value);
            } catch (error: unknown) {
              values = undefined;
              subscriber.error(error);
              return;
            }
            if (values !== undefined && frameTime !== undefined && time !== undefined && frameTime !== time) close();
            if (values === undefined) values = [];
            if (time === undefined) time = frameTime;
            values.push(value);
            if (quietMs > 0 && !subscriber.closed) quiet.touch();
          },
          error: (error: unknown) => {
            values = undefined;
            subscriber.error(error);
          },
          complete: () => {
            quiet.cancel();
            close();
            subscriber.complete();
          },
        }),
      );
    });
}
