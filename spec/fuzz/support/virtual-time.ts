/**
 * One fuzz case in virtual time: a fresh TestScheduler in run mode (so `timer`, `delay` and the
 * operators' default schedulers are virtual), with rxjs's last-resort hooks watched. An error
 * that reached no error callback, or an error notification swallowed after a subscriber had
 * stopped, fails the case, as does any exception escaping the scheduler's flush.
 */
import { config, map, merge, NEVER, timer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';

/** The helpers `TestScheduler.run` passes its callback (`cold`, `hot`, `flush`, …). */
export type RunHelpers = Parameters<Parameters<TestScheduler['run']>[0]>[0];

/** Run `body` in virtual time; it should subscribe, call `helpers.flush()` and clean up. */
export function inVirtualTime<T>(body: (scheduler: TestScheduler, helpers: RunHelpers) => T): T {
  const lost: unknown[] = [];
  const saved = { onUnhandledError: config.onUnhandledError, onStoppedNotification: config.onStoppedNotification };
  config.onUnhandledError = (error) => lost.push(error);
  config.onStoppedNotification = (notification) => {
    if (notification.kind === 'E') lost.push(notification.error);
  };
  const scheduler = new TestScheduler((actual, expected) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('unexpected marble assertion');
  });
  let value: T;
  try {
    value = scheduler.run((helpers) => body(scheduler, helpers));
  } finally {
    config.onUnhandledError = saved.onUnhandledError;
    config.onStoppedNotification = saved.onStoppedNotification;
  }
  if (lost.length > 0) {
    const first = lost[0];
    throw new Error(`an error reached no error callback: ${first instanceof Error ? `${first.constructor.name}: ${first.message}` : String(first)}`);
  }
  return value;
}

/** A cold script that sends `frame` at virtual time `at` (ms after subscribe) for each entry, then stays open. */
export function framesAt<F>(frames: readonly { readonly at: number; readonly frame: F }[]): Observable<F> {
  return merge(...frames.map(({ at, frame }) => timer(at).pipe(map(() => frame))), NEVER);
}

/** What a subscription saw: values, then at most one error or completion. */
export interface Outcome<T> {
  values: T[];
  errors: unknown[];
  completions: number;
  /** How many sockets were still open when each error was delivered. */
  openAtError: number[];
}

/** A fresh outcome record and the observer that fills it. */
export function recorder<T>(openConnections: () => number): { outcome: Outcome<T>; observer: { next: (v: T) => void; error: (e: unknown) => void; complete: () => void } } {
  const outcome: Outcome<T> = { values: [], errors: [], completions: 0, openAtError: [] };
  return {
    outcome,
    observer: {
      next: (v) => void outcome.values.push(v),
      error: (e) => {
        outcome.errors.push(e);
        outcome.openAtError.push(openConnections());
      },
      complete: () => void outcome.completions++,
    },
  };
}
