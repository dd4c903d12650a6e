/** Record what an Observable emits, for specs that drive real sockets (asynchronous ends). */
import type { Observable, Subscription } from 'rxjs';
import { until } from './wait.js';

/** The live record of one subscription. */
export interface Recording<T> {
  /** Values received so far, in order. */
  readonly values: T[];
  /** The error, once one arrived. */
  readonly error: () => unknown;
  /** True once the Observable completed. */
  readonly completed: () => boolean;
  /** The subscription, to unsubscribe. */
  readonly subscription: Subscription;
  /** Resolves with the error when the Observable errors; rejects if it completes or `timeoutMs` passes. */
  errored(timeoutMs?: number): Promise<unknown>;
  /** Resolves when `count` values have arrived; rejects on error, completion or timeout. */
  received(count: number, timeoutMs?: number): Promise<T[]>;
}

/** Subscribe and record. */
export function record<T>(source: Observable<T>): Recording<T> {
  const values: T[] = [];
  let error: unknown;
  let failed = false;
  let completed = false;
  const subscription = source.subscribe({
    next: (value) => values.push(value),
    error: (e: unknown) => {
      failed = true;
      error = e;
    },
    complete: () => (completed = true),
  });
  return {
    values,
    error: () => error,
    completed: () => completed,
    subscription,
    async errored(timeoutMs = 2000) {
      await until(() => failed || completed, 'an error', timeoutMs);
      if (!failed) throw new Error('The Observable completed instead of failing');
      return error;
    },
    async received(count: number, timeoutMs = 2000) {
      await until(() => values.length >= count || failed || completed, `${count} values`, timeoutMs);
      if (failed) throw error;
      if (values.length < count) throw new Error(`Completed after ${values.length} of ${count} values`);
      return values.slice(0, count);
    },
  };
}
