import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * Wraps a (test) scheduler to count the actions it still has queued: scheduled and neither run
 * nor cancelled. A spec checks it after an unsubscribe or error to prove no timer was left.
 */
export function tracked(inner: SchedulerLike & { actions: unknown[] }) {
  const scheduled: Subscription[] = [];
  const scheduler: SchedulerLike = {
    now: () => inner.now(),
    schedule(work, delay, state) {
      const action = inner.schedule(work as never, delay, state);
      scheduled.push(action);
      return action;
    },
  };
  return { scheduler, queued: () => scheduled.filter((action) => inner.actions.includes(action)).length };
}
