import { Observable, from, type ObservableInput, type OperatorFunction, type Subscription } from 'rxjs';

/** What {@link conflateMap} tells `project` about the value it delivers. */
export interface ConflateInfo {
  /** The value's key. */
  readonly key: string;
  /** Values of this key replaced (not delivered) while it waited since its last delivery. */
  readonly dropped: number;
  /** Values of all keys replaced so far in this subscription. */
  readonly totalDropped: number;
}

/** Configuration of {@link conflateMap}. */
export interface ConflateMapConfig<T, R> {
  /** The conflation key of a value: a newer value of a waiting key replaces it (e.g. market id, or `${market}/${party}`). */
  readonly key: (value: T) => string;
  /** The slow consumer: runs one value at a time; the next starts when its output completes. */
  readonly project: (value: T, info: ConflateInfo) => ObservableInput<R>;
  /**
   * Bound on distinct keys waiting at once (default 10 000; `Infinity` for none). One more fails
   * the stream with a RangeError: a key function that does not group values would keep every value.
   */
  readonly maxKeys?: number;
}

/** Default {@link ConflateMapConfig.maxKeys}. */
const DEFAULT_MAX_KEYS = 10_000;

/** A key's waiting value and how many values it has replaced. */
interface Waiting<T> {
  value: T;
  dropped: number;
}

/**
 * Like `concatMap`, but for a consumer slower than its source: while `project` is busy, values
 * wait latest-per-key (a newer value of a key replaces the waiting one and counts as dropped),
 * and when it is done the key that has waited longest goes next. An idle `project` gets a value
 * at once. On source completion the waiting values are delivered, then the stream completes.
 * Errors of the source, `key` and `project` end the stream; unsubscribing stops everything.
 *
 * @example
 * marketData$.pipe(conflateMap({ key: (d) => d.market, project: (d) => saveToDatabase(d) })); // a Promise per value
 */
export function conflateMap<T, R>(config: ConflateMapConfig<T, R>): OperatorFunction<T, R> {
  const { key, project, maxKeys = DEFAULT_MAX_KEYS } = config;
  if (!(maxKeys === Infinity || (Number.isInteger(maxKeys) && maxKeys >= 1))) {
    throw new RangeError(`conflateMap: maxKeys must be a positive integer or Infinity, got ${String(maxKeys)}.`);
  }
  return (source) =>
    new Observable<R>((subscriber) => {
      // A Map iterates in insertion order, and replacing a waiting value keeps its place: the
      // first entry is the key that has waited longest.
      const waiting = new Map<string, Waiting<T>>();
      let totalDropped = 0;
      let inner: Subscription | undefined;
      let busy = false;
      let pumping = false;
      let sourceDone = false;

      const start = (k: string, entry: Waiting<T>): void => {
        busy = true;
        let output: Observable<R>;
        try {
          // from() throws too, for a project that returns no Observable, Promise or array.
          output = from(project(entry.value, { key: k, dropped: entry.dropped, totalDropped }));
        } catch (error) {
          subscriber.error(error);
          return;
        }
        const subscription = output.subscribe({
          next: (result) => subscriber.next(result),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            inner = undefined;
            busy = false;
            pump();
          },
        });
        if (subscriber.closed) subscription.unsubscribe();
        else if (busy) inner = subscription;
      };

      // Deliver waiting values while project is idle; a loop, so synchronous projects do not recurse.
      const pump = (): void => {
        if (pumping) return;
        pumping = true;
        try {
          while (!busy && !subscriber.closed) {
            const first = waiting.entries().next();
            if (first.done) {
              if (sourceDone) subscriber.complete();
              return;
            }
            const [k, entry] = first.value;
            waiting.delete(k);
            start(k, entry);
          }
        } finally {
          pumping = false;
        }
      };

      const sourceSubscription = source.subscribe({
        next: (value) => {
          if (subscriber.closed) return;
          let k: string;
          try {
            k = key(value);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          const entry = waiting.get(k);
          if (entry) {
            entry.value = value;
            entry.dropped++;
            totalDropped++;
            return;
          }
          if (waiting.size >= maxKeys) {
            subscriber.error(
              new RangeError(
                `conflateMap: more than ${maxKeys} distinct keys are waiting while project is busy. ` +
                  'The key function should group values (a market id, not a per-value id); otherwise raise maxKeys.',
              ),
            );
            return;
          }
          waiting.set(k, { value, dropped: 0 });
          if (!busy) pump();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          pump();
        },
      });

      return () => {
        sourceSubscription.unsubscribe();
        inner?.unsubscribe();
        inner = undefined;
        waiting.clear();
      };
    });
}
